import type { OperationChange } from '@crm/contracts';

/** Field names whose values never leave the producer (SPEC §4.2: sensitive fields masked). */
export const SENSITIVE_FIELD = /password|secret|token|hash|ciphertext|pin|otp/i;
export const MASKED = '***';

export interface DiffOptions {
  /** Further field names to mask, matched exactly. */
  mask?: readonly string[];
}

export function isSensitiveField(field: string, mask: readonly string[] = []): boolean {
  return SENSITIVE_FIELD.test(field) || mask.includes(field);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function plain(value: unknown): unknown {
  if (value === undefined) return null;
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * The changed fields between two versions of a record, old → new, in the order they first appear.
 * `before` null means created, `after` null means deleted. A sensitive field that changed is listed
 * with both values as '***': the log says that it changed, never what it was or became.
 */
export function diffChanges(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
  options: DiffOptions = {},
): OperationChange[] {
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: OperationChange[] = [];
  for (const field of fields) {
    const oldValue = b[field];
    const newValue = a[field];
    if (same(oldValue, newValue)) continue;
    if (isSensitiveField(field, options.mask)) {
      changes.push({
        field,
        old: oldValue === undefined || oldValue === null ? null : MASKED,
        new: newValue === undefined || newValue === null ? null : MASKED,
      });
    } else {
      changes.push({ field, old: plain(oldValue), new: plain(newValue) });
    }
  }
  return changes;
}
