import type { Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One consumed event, parsed and validated: `data` is an instance of the handler's payload class. */
export interface InboxEvent<D extends object = object> {
  eventId: string;
  pattern: string;
  occurredAt: Date;
  /** The acting system caller / employee of the change, when the producer named one (SPEC §2.3). */
  caller: string | null;
  employeeId: string | null;
  data: D;
}

/** Writes through `manager` only: it is the transaction that also records the event id. */
export type InboxHandlerFn<D extends object = object> = (event: InboxEvent<D>, manager: EntityManager) => Promise<void>;

export interface InboxHandlerMeta {
  pattern: string;
  payload: Type<object>;
  method: string | symbol;
}

const INBOX_HANDLERS = Symbol('crm:inbox-handlers');

/**
 * Marks a provider method as the handler of one event pattern. The payload class validates the
 * event's `data` with class-validator, like a request DTO; fields it does not declare are dropped
 * (events grow additively, SPEC §2.3). The method receives `(event, manager)` and runs inside the
 * transaction that records the event id, so its writes and "applied" commit together.
 */
export function InboxHandler<D extends object>(pattern: string, payload: Type<D>) {
  return (target: object, method: string | symbol, _descriptor: TypedPropertyDescriptor<InboxHandlerFn<D>>): void => {
    const list: InboxHandlerMeta[] = Reflect.getOwnMetadata(INBOX_HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(INBOX_HANDLERS, [...list, { pattern, payload, method }], target.constructor);
  };
}

export function inboxHandlersOf(type: Type<object>): readonly InboxHandlerMeta[] {
  return Reflect.getOwnMetadata(INBOX_HANDLERS, type) ?? [];
}
