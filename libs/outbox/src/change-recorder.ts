import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { OPERATION_RECORDED_V1, type AppName, type EventMessage, type EventPattern, type OperationEvent } from '@crm/contracts';
import { diffChanges } from './change-diff.js';
import type { OutboxEvent, OutboxWriter } from './outbox-writer.js';

/** Who made a change, as the call context gives it: the calling system and/or the employee acting through it. */
export interface ChangeContext {
  caller: string | null;
  employeeId: string | null;
  /** The call's requestId (the call log's), when the change came in over the wire. */
  requestId?: string | null;
}

/**
 * A business event a change causes, written to the outbox with its operation-log entry: a pattern
 * of `EventPayloads` with that pattern's payload.
 */
export type ChangeEvent<P extends EventPattern = EventPattern> = EventMessage<P> & {
  /** See `OutboxOptions.stream`: events of one stream leave in order. */
  stream?: string | null;
};

export interface Change {
  entity: string;
  entityId: string;
  action: string;
  /** The record's fields before and after (null: created / deleted); the entry lists what changed. */
  before: Readonly<Record<string, unknown>> | null;
  after: Readonly<Record<string, unknown>> | null;
  /** Fields to mask besides the sensitive names (passwords, secrets, tokens, hashes …). */
  mask?: readonly string[];
  event?: ChangeEvent;
}

/**
 * Records a business change: its operation-log entry (SPEC §4.2: changed fields old → new,
 * sensitive ones masked) and the business event it causes, both written to the outbox in the
 * change's own transaction, so they exist exactly when the change committed. The app name comes
 * from the module (`OutboxModule`), once.
 */
export class ChangeRecorder {
  constructor(
    private readonly app: AppName,
    private readonly outbox: OutboxWriter,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Writes the entry and the event with the transaction's `manager`. With `null`, in a transaction
   * of its own (for what is recorded without changing anything, e.g. an operator's query).
   */
  async record(manager: EntityManager | null, context: ChangeContext, change: Change): Promise<OperationEvent> {
    if (!manager) return this.dataSource.transaction((m) => this.record(m, context, change));
    const entry = this.entry(context, change);
    const meta = { caller: context.caller, employeeId: context.employeeId };
    // The entry's id is the event id, so audit stores a re-send once.
    await this.outbox.add(manager, OPERATION_RECORDED_V1, entry, { ...meta, id: entry.id });
    if (change.event)
      await this.outbox.add(manager, change.event.pattern, change.event.data, { ...meta, stream: change.event.stream ?? null });
    return entry;
  }

  /**
   * Several changes made with one context, written like one `record` per change (each entry, then
   * its event; in the given order) but through `OutboxWriter.addMany`: one multi-row INSERT for the
   * whole batch instead of two statements per change. Every change is checked (actor) before
   * anything is written. Returns the entries, in order.
   */
  async recordMany(manager: EntityManager | null, context: ChangeContext, changes: readonly Change[]): Promise<OperationEvent[]> {
    return this.recordEach(
      manager,
      changes.map((change) => ({ context, change })),
    );
  }

  /**
   * `recordMany` for changes made by different calls (a group commit writes several calls' changes
   * in one transaction): each change with its own context. `more` are further events of the same
   * changes (e.g. a capture's assignment), written after them in the same INSERT.
   */
  async recordEach(
    manager: EntityManager | null,
    items: readonly { context: ChangeContext; change: Change }[],
    more: readonly OutboxEvent[] = [],
  ): Promise<OperationEvent[]> {
    if (!manager) return this.dataSource.transaction((m) => this.recordEach(m, items, more));
    const entries = items.map(({ context, change }) => this.entry(context, change));
    if (!entries.length && !more.length) return entries;
    const rows: OutboxEvent[] = [];
    items.forEach(({ context, change }, i) => {
      const entry = entries[i]!;
      const meta = { caller: context.caller, employeeId: context.employeeId };
      rows.push({ pattern: OPERATION_RECORDED_V1, data: entry, options: { ...meta, id: entry.id } });
      if (change.event) rows.push({ ...eventOf(change.event), options: { ...meta, stream: change.event.stream ?? null } } as OutboxEvent);
    });
    await this.outbox.addMany(manager, [...rows, ...more]);
    return entries;
  }

  private entry(context: ChangeContext, change: Change): OperationEvent {
    const actor = context.employeeId ?? context.caller;
    if (!actor) throw new Error(`a ${change.entity} change needs an actor (employee or caller)`);
    return {
      id: randomUUID(),
      at: new Date().toISOString(),
      service: this.app,
      actorType: context.employeeId ? 'employee' : 'caller',
      actor,
      entity: change.entity,
      entityId: change.entityId,
      action: change.action,
      changes: diffChanges(change.before, change.after, { mask: change.mask }),
      requestId: context.requestId ?? null,
    };
  }
}

/** The event's pattern and payload, without the `stream` a `ChangeEvent` carries beside them. */
function eventOf(event: ChangeEvent): EventMessage {
  return { pattern: event.pattern, data: event.data } as EventMessage;
}
