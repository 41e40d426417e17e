import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Column, CreateDateColumn, DataSource, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '@crm/persistence';

/**
 * `updated_at` keeps its milliseconds on every kind of update, for every entity built on the shared
 * `dataSourceOptions` (all apps): TypeORM's query-builder updates wrote `CURRENT_TIMESTAMP`, whole
 * seconds, so a row updated in the second it was created read `updatedAt` before `createdAt`.
 * Against the real MariaDB, with a table declared as every app's migrations declare theirs.
 */

@Entity('stamped')
class Stamped {
  @PrimaryColumn({ type: 'char', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;
}

const target = {
  databaseUrl: process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306',
  database: `t_${randomBytes(5).toString('hex')}_stamps`,
};
let ds: DataSource;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stamps(id: string): Promise<{ createdAt: Date; updatedAt: Date }> {
  const [row] = await ds.query<{ c: Date; u: Date }[]>('SELECT created_at AS c, updated_at AS u FROM stamped WHERE id = ?', [id]);
  return { createdAt: row!.c, updatedAt: row!.u };
}

/** Five updates ~15 ms apart: each stamp later than the one before (whole seconds would repeat) and never before createdAt. */
async function expectMillisecondStamps(id: string, update: (i: number) => Promise<unknown>): Promise<void> {
  const { createdAt } = await stamps(id);
  const seen: number[] = [];
  for (let i = 0; i < 5; i++) {
    await pause(15);
    await update(i);
    const { updatedAt } = await stamps(id);
    expect(updatedAt.getTime()).toBeGreaterThanOrEqual(createdAt.getTime());
    seen.push(updatedAt.getTime());
  }
  for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
}

beforeAll(async () => {
  await ensureDatabase(target);
  ds = new DataSource(dataSourceOptions(target, [Stamped], [], 2));
  await ds.initialize();
  await ds.query(`CREATE TABLE stamped (
    id CHAR(36) NOT NULL PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    version INT NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
  )`);
});

afterAll(async () => {
  await ds?.destroy();
  await dropDatabase(target);
});

describe('updated_at with milliseconds', () => {
  it('repository.update, leaving the caller’s values object as it was', async () => {
    await ds.getRepository(Stamped).insert({ id: 'a', name: 'first' });
    await expectMillisecondStamps('a', async (i) => {
      const values = { name: `update ${i}` };
      await ds.getRepository(Stamped).update({ id: 'a' }, values);
      // Callers diff these objects into the operation log.
      expect(values).toEqual({ name: `update ${i}` });
    });
  });

  it('a query-builder update in a transaction (how the apps write)', async () => {
    await ds.getRepository(Stamped).insert({ id: 'b', name: 'first' });
    await expectMillisecondStamps('b', (i) =>
      ds.transaction((m) =>
        m
          .createQueryBuilder()
          .update(Stamped)
          .set({ name: `update ${i}` })
          .where('id = :id', { id: 'b' })
          .execute(),
      ),
    );
  });

  it('save() of a loaded entity, and an update naming its own updatedAt, are left as they are', async () => {
    await ds.getRepository(Stamped).insert({ id: 'c', name: 'first' });
    await expectMillisecondStamps('c', async (i) => {
      const row = await ds.getRepository(Stamped).findOneByOrFail({ id: 'c' });
      row.name = `save ${i}`;
      const saved = await ds.getRepository(Stamped).save(row);
      expect(saved.updatedAt).toBeInstanceOf(Date);
    });
    const chosen = new Date('2030-01-02T03:04:05.678Z');
    await ds.getRepository(Stamped).update({ id: 'c' }, { name: 'chosen', updatedAt: chosen });
    expect((await stamps('c')).updatedAt.toISOString()).toBe(chosen.toISOString());
  });

  it('canary: TypeORM on its own still stamps whole seconds (typeorm#2718); once it does not, the subscriber can go', () => {
    // Only building the SQL announces nothing to subscribers, so this is TypeORM's own stamp.
    const [sql] = ds.createQueryBuilder().update(Stamped).set({ name: 'x' }).where('id = :id', { id: 'a' }).getQueryAndParameters();
    expect(sql).toMatch(/`updated_at` = CURRENT_TIMESTAMP(?!\()/);
  });
});
