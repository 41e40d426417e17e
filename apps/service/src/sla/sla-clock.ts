import type { EntityManager } from 'typeorm';

/** What the SLA clock needs of a case when it opens. */
export interface CaseClockInput {
  caseId: string;
  /** Carried on the warning/breach events; when left out the scheduler reads `service_case.case_no`. */
  caseNo?: string | null;
  /** The status the case opens in (default `new`). */
  status?: string;
  accountId: string | null;
  priority: string;
  category: string;
  channel: string;
  openedAt: Date;
  /** A hard limit from outside (an EOMS order's deadline): the resolution target is never later. */
  resolveBy: Date | null;
  /** The case was created in this transaction, so it has no clock to look for yet. */
  newCase?: boolean;
}

/** A change the clock reacts to: a status change pauses, resumes or stops it; a priority change re-targets it. */
export interface CaseClockChange {
  caseId: string;
  at: Date;
  status?: { from: string; to: string };
  priority?: string;
  /** The first reply to the customer (stops the response clock). */
  responded?: boolean;
}

export type SlaState = 'ok' | 'warning' | 'breached';

/** A case's SLA as every case reply shows it (SPEC §6.3); nulls when no policy applies. */
export interface CaseSla {
  slaPolicyId: string | null;
  entitlementId: string | null;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaState: SlaState | null;
}

/**
 * The SLA clock of cases (SlaModule provides it to the whole app). Cases call it in their own
 * transaction, so the clock and the case never disagree.
 */
export abstract class SlaClock {
  abstract start(m: EntityManager, input: CaseClockInput): Promise<CaseSla>;
  abstract change(m: EntityManager, change: CaseClockChange): Promise<CaseSla>;
  abstract view(m: EntityManager, caseIds: string[]): Promise<Map<string, CaseSla>>;
}
