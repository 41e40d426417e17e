import { CrmError, ErrorCode } from '@crm/contracts';
import type { Period } from './win-loss.js';

/** The validated `from`/`to` text of an analysis as dates; `to` must be later than `from` (4220). */
export function periodOf(q: { from?: string; to?: string }): Period {
  const from = q.from === undefined ? undefined : new Date(q.from);
  const to = q.to === undefined ? undefined : new Date(q.to);
  if (from && to && to.getTime() <= from.getTime())
    throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [{ field: 'to', reasons: ['to must be later than from'] }]);
  return { from, to };
}
