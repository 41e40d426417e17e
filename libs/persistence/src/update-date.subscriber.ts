import { EventSubscriber, type EntitySubscriberInterface, type UpdateEvent } from 'typeorm';

/** The database clock at the columns' precision: every `created_at`/`updated_at` is DATETIME(3). */
export const NOW_MS = 'CURRENT_TIMESTAMP(3)';

/** The raw SQL value this subscriber sets; its identity tells it apart from a value a caller chose. */
const STAMP = (): string => NOW_MS;

/**
 * Keeps the milliseconds of `@UpdateDateColumn`: on every update TypeORM writes — `save()`,
 * `repository.update`, `createQueryBuilder().update()` — it appends `updated_at = CURRENT_TIMESTAMP`,
 * whole seconds on MariaDB/MySQL whatever the column's precision (typeorm#2718), so a row updated in
 * the second it was created read `updatedAt` before `createdAt`. TypeORM announces each update to
 * subscribers with the values it is about to set (a query-builder update: the object given to `set`;
 * `save()`: the entity, beside the row it loaded). Setting the column there to `CURRENT_TIMESTAMP(3)`
 * makes TypeORM write that instead: the clock and precision of the column's default, which stamped
 * `created_at`. A value the caller set is kept. The caller's object is given back as it was after
 * the update. Registered by `dataSourceOptions`, so every app's entities get it.
 */
@EventSubscriber()
export class UpdateDatePrecisionSubscriber implements EntitySubscriberInterface {
  beforeUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    const property = event.metadata.updateDateColumn?.propertyName;
    const values = event.entity as Record<string, unknown> | undefined;
    if (!property || !values) return;
    const given = values[property];
    const untouched = given === undefined || (event.databaseEntity !== undefined && sameTime(given, event.databaseEntity[property]));
    if (untouched) values[property] = STAMP;
  }

  afterUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    const property = event.metadata.updateDateColumn?.propertyName;
    const values = event.entity as Record<string, unknown> | undefined;
    // save() has reloaded the stamped value by now; a query-builder update's value set gets its key back out.
    if (property && values?.[property] === STAMP) delete values[property];
  }
}

function sameTime(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
}
