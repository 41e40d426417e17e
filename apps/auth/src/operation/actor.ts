import type { ChangeContext } from '@crm/outbox';

/** Who made a change: an employee (HTTP, operator token), or a system caller such as the admin CLI. */
export interface Actor {
  type: 'employee' | 'caller';
  id: string;
}

/** The admin CLI acts as the system caller `cli` (it runs with database access, not as an employee). */
export const CLI_ACTOR: Actor = { type: 'caller', id: 'cli' };

/** The actor as the change recorder (`ChangeRecorder`) takes it. */
export function changeContext(actor: Actor): ChangeContext {
  return actor.type === 'employee' ? { caller: null, employeeId: actor.id } : { caller: actor.id, employeeId: null };
}
