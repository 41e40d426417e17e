import { createHash } from 'node:crypto';
import type { DispatchWorkorderDto } from '@crm/contracts';

/**
 * Canonical fingerprint of a dispatch: fixed field order, instants normalised to UTC, so the same
 * order sent again (even with `+08:00` instead of `Z`) counts as the same content.
 */
export function dispatchContentHash(d: DispatchWorkorderDto): string {
  const canonical = [
    d.orderNo,
    d.type,
    d.title,
    d.description,
    d.priority,
    d.customer.accountNo,
    d.customer.name,
    d.customer.phone,
    new Date(d.deadline).toISOString(),
    new Date(d.dispatchedAt).toISOString(),
    // Only when present, so the hashes of orders stored before the field existed stay the same.
    ...(d.affectedAccountNos?.length ? [d.affectedAccountNos] : []),
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
