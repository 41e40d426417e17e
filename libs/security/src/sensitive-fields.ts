import type { Permission } from '@crm/contracts';

/** How a sensitive value is shown to someone without its read permission. */
export type MaskKind = 'phone' | 'email' | 'id-number' | 'amount';

export interface SensitiveField {
  kind: MaskKind;
  /** The permission that shows the value unmasked (each such read is recorded). */
  permission: Permission;
}

/** A view's sensitive fields, declared once next to its mapper. */
export type SensitiveFieldMap<V> = { readonly [K in keyof V & string]?: SensitiveField };

export interface Protected<V> {
  items: V[];
  /**
   * Fields shown unmasked that held a value, and the ids of the records they were shown for: what
   * the operation log records of this read (never the values). Empty when nothing was revealed.
   */
  revealed: { fields: string[]; ids: string[] };
}

/** `13800138000` → `138****8000`: the first 3 and last 4 digits of a number, formatting dropped. */
export function maskPhone(value: string): string {
  let digits = value.replace(/\D/g, '');
  // +86 / 0086 before an 11-digit mobile number: show it the way staff know it.
  if (/^(0086|86)1\d{10}$/.test(digits)) digits = digits.slice(digits.length - 11);
  if (digits.length < 8) return '*'.repeat(Math.max(digits.length - 2, 4)) + digits.slice(-2);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** `zhang.san@example.com` → `z***@example.com`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${value[0]}***${value.slice(at)}`;
}

/** An 18-character resident ID or similar: first 3 and last 4 kept (`110***********123X`). */
export function maskIdNumber(value: string): string {
  if (value.length < 10) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

export function maskValue(kind: MaskKind, value: string): string {
  switch (kind) {
    case 'phone':
      return maskPhone(value);
    case 'email':
      return maskEmail(value);
    case 'id-number':
      return maskIdNumber(value);
    case 'amount':
      // Contract values: nothing of the figure is shown.
      return '***';
  }
}

/**
 * Field-level protection (SPEC §6.0) for one view: `protect` masks every declared field the actor
 * may not read in full, for one record or a whole list alike, and says which fields it showed
 * unmasked so the caller records the read. Values that are null stay null (nothing to hide).
 */
export class SensitiveFields<V extends object> {
  constructor(
    private readonly fields: SensitiveFieldMap<V>,
    private readonly idOf: (view: V) => string,
  ) {}

  protect(items: readonly V[], permissions: readonly string[]): Protected<V> {
    const revealedFields = new Set<string>();
    const revealedIds = new Set<string>();
    const entries = Object.entries(this.fields) as Array<[keyof V & string, SensitiveField]>;
    const out = items.map((item) => {
      const copy = { ...item };
      for (const [field, rule] of entries) {
        const value = copy[field];
        if (value === null || value === undefined) continue;
        if (permissions.includes(rule.permission)) {
          revealedFields.add(field);
          revealedIds.add(this.idOf(item));
        } else {
          (copy as Record<string, unknown>)[field] = maskValue(rule.kind, String(value));
        }
      }
      return copy;
    });
    return { items: out, revealed: { fields: [...revealedFields].sort(), ids: [...revealedIds] } };
  }
}
