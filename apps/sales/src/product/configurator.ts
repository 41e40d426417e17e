import { Decimal, type FieldError, type ProductConfiguration, type ProductDefinition, type RuleCondition } from '@crm/contracts';

/**
 * The configurator: checks one configuration against a product's definition. Pure code. It reports
 * every problem — each unknown key, each missing or disallowed value, each broken rule — never only
 * the first, so a front end can show them all at once.
 */

/** One thing wrong with a configuration: the key to change, a code (a rule's code or a built-in one) and why. */
export interface Violation {
  key: string;
  code: string;
  message: string;
}

/** Codes of the checks every product gets (a rule's own code is its `code`). */
export const BUILT_IN = {
  unknownKey: 'UNKNOWN_KEY',
  optionRequired: 'OPTION_REQUIRED',
  optionValue: 'OPTION_VALUE',
  attributeRequired: 'ATTRIBUTE_REQUIRED',
  attributeNumber: 'ATTRIBUTE_NUMBER',
  attributeRange: 'ATTRIBUTE_RANGE',
  attributeStep: 'ATTRIBUTE_STEP',
} as const;

/** Whether `c` holds for the configuration: every test it names passes; an unset key fails all but `present: false`. */
export function holds(c: RuleCondition, cfg: ProductConfiguration): boolean {
  const v = Object.prototype.hasOwnProperty.call(cfg, c.key) ? cfg[c.key] : undefined;
  if (c.present !== undefined && (v !== undefined) !== c.present) return false;
  if (v === undefined) return c.present === false;
  if (c.equals !== undefined && v !== c.equals) return false;
  if (c.in !== undefined && !c.in.includes(v as string | number)) return false;
  if (c.min !== undefined && !(typeof v === 'number' && v >= c.min)) return false;
  if (c.max !== undefined && !(typeof v === 'number' && v <= c.max)) return false;
  return true;
}

export function checkConfiguration(d: ProductDefinition, cfg: ProductConfiguration): Violation[] {
  const out: Violation[] = [];
  const known = new Set([...d.options.map((o) => o.key), ...d.attributes.map((a) => a.key)]);
  for (const key of Object.keys(cfg))
    if (!known.has(key)) out.push({ key, code: BUILT_IN.unknownKey, message: `${key} is not an option or attribute of this product` });

  for (const o of d.options) {
    const v = cfg[o.key];
    if (v === undefined) {
      if (o.required !== false) out.push({ key: o.key, code: BUILT_IN.optionRequired, message: `choose a ${o.label}` });
    } else if (!o.values.some((x) => x.value === v)) {
      const allowed = o.values.map((x) => x.value).join(', ');
      out.push({ key: o.key, code: BUILT_IN.optionValue, message: `${String(v)} is not a ${o.label}; allowed: ${allowed}` });
    }
  }

  for (const a of d.attributes) {
    const v = cfg[a.key];
    const unit = a.unit ? ` ${a.unit}` : '';
    if (v === undefined) {
      if (a.required) out.push({ key: a.key, code: BUILT_IN.attributeRequired, message: `${a.label} is required` });
    } else if (typeof v !== 'number' || !Number.isFinite(v)) {
      out.push({ key: a.key, code: BUILT_IN.attributeNumber, message: `${a.label} must be a number` });
    } else if (v < a.min || v > a.max) {
      out.push({ key: a.key, code: BUILT_IN.attributeRange, message: `${a.label} must be between ${a.min} and ${a.max}${unit}` });
    } else if (a.step && !new Decimal(v).minus(a.min).mod(a.step).isZero()) {
      out.push({ key: a.key, code: BUILT_IN.attributeStep, message: `${a.label} must be ${a.min} plus a multiple of ${a.step}${unit}` });
    }
  }

  for (const r of d.rules) {
    if (!holds(r.when, cfg)) continue;
    const broken = r.kind === 'excludes' ? holds(r.then, cfg) : !holds(r.then, cfg);
    if (broken) out.push({ key: r.then.key, code: r.code, message: r.message });
  }
  return out;
}

/** Violations as 4220 details: one entry per field (`<prefix>.<key>`), each reason `<CODE>: <message>`. */
export function violationDetails(violations: readonly Violation[], prefix: string): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const v of violations) {
    const field = `${prefix}.${v.key}`;
    byField.set(field, [...(byField.get(field) ?? []), `${v.code}: ${v.message}`]);
  }
  return [...byField].map(([field, reasons]) => ({ field, reasons }));
}
