import {
  Decimal,
  PRODUCT_KEY_RE,
  RULE_CODE_RE,
  RULE_KINDS,
  type AttributeDef,
  type FieldError,
  type OptionDef,
  type ProductDefinition,
  type ProductKind,
} from '@crm/contracts';

/**
 * The whole-definition check of a product and of a price book's entries: pure code, no database.
 * The parts arrive as untyped JSON (the payload classes only check that they are arrays/objects), so
 * every shape is checked here as well as what ties the parts together (a rule naming an option that
 * does not exist, an option value a rule compares with, min > max, tiers that overlap). Every
 * problem is reported, each with its path, e.g. `rules[2].when.key`, `pricing.tiers.tiers[1]`.
 */

/** A decimal string with up to 6 places (prices kept exact to 6 places, like `DECIMAL(20,6)`). */
const DECIMAL_RE = /^-?(0|[1-9][0-9]{0,13})(\.[0-9]{1,6})?$/;
const OPTION_VALUE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

type Json = unknown;

/** Collects problems by path, one entry per path with all its reasons. */
export class Problems {
  private readonly byField = new Map<string, string[]>();

  add(field: string, reason: string): void {
    const reasons = this.byField.get(field) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    this.byField.set(field, reasons);
  }

  get list(): FieldError[] {
    return [...this.byField].map(([field, reasons]) => ({ field, reasons }));
  }

  get empty(): boolean {
    return this.byField.size === 0;
  }
}

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: Json, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const isNumber = (v: Json): v is number => typeof v === 'number' && Number.isFinite(v);

function onlyKeys(p: Problems, path: string, o: Record<string, Json>, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) p.add(`${path}.${k}`, `unknown field ${k}`);
}

/** A decimal string within [min, max] (bounds inclusive); reports and answers null otherwise. */
function decimal(p: Problems, path: string, v: Json, min: number | null, max: number | null): Decimal | null {
  if (typeof v !== 'string' || !DECIMAL_RE.test(v)) {
    p.add(path, 'must be a decimal string with at most 6 places, e.g. "12.50"');
    return null;
  }
  const d = new Decimal(v);
  if (min !== null && d.lessThan(min)) p.add(path, `must be at least ${min}`);
  if (max !== null && d.greaterThan(max)) p.add(path, `must be at most ${max}`);
  return d;
}

function adder(p: Problems, path: string, v: Json): void {
  if (!isObject(v)) return p.add(path, 'must be {kind: "fixed", amount} or {kind: "percent", percent}');
  if (v.kind === 'fixed') {
    onlyKeys(p, path, v, ['kind', 'amount']);
    decimal(p, `${path}.amount`, v.amount, null, null);
  } else if (v.kind === 'percent') {
    onlyKeys(p, path, v, ['kind', 'percent']);
    decimal(p, `${path}.percent`, v.percent, -100, 1000);
  } else p.add(`${path}.kind`, 'must be fixed or percent');
}

/** What rules and pricing may refer to: the options (with their values) and the attributes. */
interface Keys {
  options: Map<string, Set<string>>;
  attributes: Map<string, { required: boolean }>;
}

function options(p: Problems, raw: Json, taken: Set<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!Array.isArray(raw)) {
    p.add('options', 'must be an array');
    return out;
  }
  raw.forEach((o: Json, i) => {
    const path = `options[${i}]`;
    if (!isObject(o)) return p.add(path, 'must be an object {key, label, values}');
    onlyKeys(p, path, o, ['key', 'label', 'required', 'values']);
    const key = keyOf(p, `${path}.key`, o.key, taken);
    if (!isText(o.label, 100)) p.add(`${path}.label`, 'must be a non-empty string of at most 100 characters');
    if (o.required !== undefined && typeof o.required !== 'boolean') p.add(`${path}.required`, 'must be a boolean');
    const values = new Set<string>();
    if (!Array.isArray(o.values) || o.values.length === 0 || o.values.length > 200) {
      p.add(`${path}.values`, 'must be an array of 1 to 200 values');
    } else {
      o.values.forEach((v: Json, j) => {
        const vp = `${path}.values[${j}]`;
        if (!isObject(v)) return p.add(vp, 'must be an object {value, label, adder?}');
        onlyKeys(p, vp, v, ['value', 'label', 'adder']);
        if (typeof v.value !== 'string' || !OPTION_VALUE_RE.test(v.value)) {
          p.add(`${vp}.value`, 'must be 1-32 letters, digits, . _ - (starting with a letter or digit)');
        } else if (values.has(v.value)) p.add(`${vp}.value`, `duplicate value ${v.value}`);
        else values.add(v.value);
        if (!isText(v.label, 100)) p.add(`${vp}.label`, 'must be a non-empty string of at most 100 characters');
        if (v.adder !== undefined && v.adder !== null) adder(p, `${vp}.adder`, v.adder);
      });
    }
    if (key) out.set(key, values);
  });
  return out;
}

function keyOf(p: Problems, path: string, v: Json, taken: Set<string>): string | null {
  if (typeof v !== 'string' || !PRODUCT_KEY_RE.test(v)) {
    p.add(path, 'must be a key: a letter, then up to 31 letters, digits, _ or -');
    return null;
  }
  if (taken.has(v)) {
    p.add(path, `duplicate key ${v} (options and attributes share one set of keys)`);
    return null;
  }
  taken.add(v);
  return v;
}

function attributes(p: Problems, raw: Json, taken: Set<string>): Map<string, { required: boolean }> {
  const out = new Map<string, { required: boolean }>();
  if (!Array.isArray(raw)) {
    p.add('attributes', 'must be an array');
    return out;
  }
  raw.forEach((a: Json, i) => {
    const path = `attributes[${i}]`;
    if (!isObject(a)) return p.add(path, 'must be an object {key, label, min, max, step?, unit?, required?}');
    onlyKeys(p, path, a, ['key', 'label', 'min', 'max', 'step', 'unit', 'required']);
    const key = keyOf(p, `${path}.key`, a.key, taken);
    if (!isText(a.label, 100)) p.add(`${path}.label`, 'must be a non-empty string of at most 100 characters');
    if (!isNumber(a.min)) p.add(`${path}.min`, 'must be a number');
    if (!isNumber(a.max)) p.add(`${path}.max`, 'must be a number');
    if (isNumber(a.min) && isNumber(a.max) && a.min > a.max) p.add(`${path}.max`, `must be at least min (${a.min})`);
    if (a.step !== undefined && a.step !== null && !(isNumber(a.step) && a.step > 0)) p.add(`${path}.step`, 'must be a number above 0');
    if (a.unit !== undefined && a.unit !== null && !isText(a.unit, 32)) p.add(`${path}.unit`, 'must be a string of at most 32 characters');
    if (a.required !== undefined && typeof a.required !== 'boolean') p.add(`${path}.required`, 'must be a boolean');
    if (key) out.set(key, { required: a.required === true });
  });
  return out;
}

const CONDITION_FIELDS = ['key', 'equals', 'in', 'present', 'min', 'max'] as const;

function condition(p: Problems, path: string, c: Json, keys: Keys): void {
  if (!isObject(c)) return p.add(path, 'must be an object {key, equals? | in? | present? | min? | max?}');
  onlyKeys(p, path, c, CONDITION_FIELDS);
  if (CONDITION_FIELDS.slice(1).every((f) => c[f] === undefined)) p.add(path, 'needs a test: equals, in, present, min or max');
  const key = c.key;
  const optionValues = typeof key === 'string' ? keys.options.get(key) : undefined;
  const attribute = typeof key === 'string' ? keys.attributes.get(key) : undefined;
  if (!optionValues && !attribute) return p.add(`${path}.key`, `unknown option or attribute ${String(key)}`);
  if (c.present !== undefined && typeof c.present !== 'boolean') p.add(`${path}.present`, 'must be a boolean');
  const compared = [...(c.equals !== undefined ? [['equals', c.equals] as const] : [])];
  if (c.in !== undefined) {
    if (!Array.isArray(c.in) || c.in.length === 0) p.add(`${path}.in`, 'must be a non-empty array');
    else c.in.forEach((v: Json, j) => compared.push([`in[${j}]`, v] as never));
  }
  for (const [field, v] of compared) {
    if (optionValues && (typeof v !== 'string' || !optionValues.has(v)))
      p.add(`${path}.${field}`, `${String(v)} is not a value of option ${String(key)}`);
    if (attribute && !isNumber(v)) p.add(`${path}.${field}`, `attribute ${String(key)} is compared with numbers`);
  }
  for (const bound of ['min', 'max'] as const) {
    if (c[bound] === undefined) continue;
    if (optionValues) p.add(`${path}.${bound}`, `option ${String(key)} has no numeric range; use equals or in`);
    else if (!isNumber(c[bound])) p.add(`${path}.${bound}`, 'must be a number');
  }
  if (isNumber(c.min) && isNumber(c.max) && c.min > c.max) p.add(`${path}.max`, `must be at least min (${c.min})`);
}

function rules(p: Problems, raw: Json, keys: Keys): void {
  if (!Array.isArray(raw)) return p.add('rules', 'must be an array');
  const codes = new Set<string>();
  raw.forEach((r: Json, i) => {
    const path = `rules[${i}]`;
    if (!isObject(r)) return p.add(path, 'must be an object {code, kind, message, when, then}');
    onlyKeys(p, path, r, ['code', 'kind', 'message', 'when', 'then']);
    if (typeof r.code !== 'string' || !RULE_CODE_RE.test(r.code))
      p.add(`${path}.code`, 'must be an upper-case code, e.g. VIDEO_NEEDS_DURATION');
    else if (codes.has(r.code)) p.add(`${path}.code`, `duplicate rule code ${r.code}`);
    else codes.add(r.code);
    if (!RULE_KINDS.includes(r.kind as never)) p.add(`${path}.kind`, `must be one of ${RULE_KINDS.join(', ')}`);
    if (!isText(r.message, 500)) p.add(`${path}.message`, 'must be a non-empty string of at most 500 characters');
    condition(p, `${path}.when`, r.when, keys);
    condition(p, `${path}.then`, r.then, keys);
  });
}

/**
 * A tier table: `[from, to)` ranges in ascending order that do not overlap (a gap is allowed: a
 * volume in it gets no tier), each with a `price` or a `percentOff`.
 */
export function tierTable(p: Problems, path: string, t: Json, attributeKeys: ReadonlyMap<string, unknown>): void {
  if (!isObject(t)) return p.add(path, 'must be an object {basis, attribute?, tiers}');
  onlyKeys(p, path, t, ['basis', 'attribute', 'tiers']);
  if (t.basis === 'attribute') {
    if (typeof t.attribute !== 'string' || !attributeKeys.has(t.attribute))
      p.add(`${path}.attribute`, `must name an attribute of the product (${String(t.attribute)} is not one)`);
  } else if (t.basis === 'quantity') {
    if (t.attribute !== undefined && t.attribute !== null) p.add(`${path}.attribute`, 'only a basis of attribute names an attribute');
  } else p.add(`${path}.basis`, 'must be quantity or attribute');
  if (!Array.isArray(t.tiers) || t.tiers.length === 0 || t.tiers.length > 50)
    return p.add(`${path}.tiers`, 'must be an array of 1 to 50 tiers');
  let previous: { from: number; to: number | null } | null = null;
  t.tiers.forEach((tier: Json, i) => {
    const tp = `${path}.tiers[${i}]`;
    if (!isObject(tier)) return p.add(tp, 'must be an object {from, to?, price? | percentOff?}');
    onlyKeys(p, tp, tier, ['from', 'to', 'price', 'percentOff']);
    const from = isNumber(tier.from) && tier.from >= 0 ? tier.from : null;
    if (from === null) p.add(`${tp}.from`, 'must be a number ≥ 0');
    const to = tier.to === undefined || tier.to === null ? null : isNumber(tier.to) ? tier.to : undefined;
    if (to === undefined) p.add(`${tp}.to`, 'must be a number or null (no upper bound)');
    if (from !== null && typeof to === 'number' && to <= from) p.add(`${tp}.to`, `must be above from (${from}): a tier is [from, to)`);
    if ((tier.price === undefined) === (tier.percentOff === undefined)) p.add(tp, 'needs exactly one of price and percentOff');
    if (tier.price !== undefined) decimal(p, `${tp}.price`, tier.price, 0, null);
    if (tier.percentOff !== undefined) decimal(p, `${tp}.percentOff`, tier.percentOff, 0, 100);
    if (from === null || to === undefined) return;
    if (previous) {
      if (previous.to === null || from < previous.to)
        p.add(
          tp,
          `overlaps tiers[${i - 1}] [${previous.from}, ${previous.to ?? '∞'}): tiers are [from, to) in ascending order without overlap`,
        );
    }
    previous = { from, to };
  });
}

function pricing(p: Problems, raw: Json, keys: Keys): void {
  if (!isObject(raw)) return p.add('pricing', 'must be an object {basePrice, perUnit?, tiers?}');
  onlyKeys(p, 'pricing', raw, ['basePrice', 'perUnit', 'tiers']);
  decimal(p, 'pricing.basePrice', raw.basePrice, 0, null);
  const perUnit = raw.perUnit;
  if (perUnit !== undefined && perUnit !== null) {
    if (!isObject(perUnit)) p.add('pricing.perUnit', 'must be an object {attribute, per}');
    else {
      onlyKeys(p, 'pricing.perUnit', perUnit, ['attribute', 'per']);
      const a = typeof perUnit.attribute === 'string' ? keys.attributes.get(perUnit.attribute) : undefined;
      if (!a?.required) p.add('pricing.perUnit.attribute', `must name a required attribute (${String(perUnit.attribute)} is not one)`);
      if (!(Number.isSafeInteger(perUnit.per) && (perUnit.per as number) >= 1)) p.add('pricing.perUnit.per', 'must be an integer ≥ 1');
    }
  }
  if (raw.tiers !== undefined && raw.tiers !== null) tierTable(p, 'pricing.tiers', raw.tiers, keys.attributes);
}

function bundle(p: Problems, raw: Json): void {
  if (!isObject(raw)) return p.add('bundle', 'a bundle needs {components, discountPercent?}');
  onlyKeys(p, 'bundle', raw, ['components', 'discountPercent']);
  if (raw.discountPercent !== undefined && raw.discountPercent !== null) decimal(p, 'bundle.discountPercent', raw.discountPercent, 0, 100);
  if (!Array.isArray(raw.components) || raw.components.length === 0 || raw.components.length > 50)
    return p.add('bundle.components', 'must be an array of 1 to 50 components');
  raw.components.forEach((c: Json, i) => {
    const path = `bundle.components[${i}]`;
    if (!isObject(c)) return p.add(path, 'must be an object {productId, quantity, configuration}');
    onlyKeys(p, path, c, ['productId', 'quantity', 'configuration']);
    if (typeof c.productId !== 'string' || !UUID_RE.test(c.productId)) p.add(`${path}.productId`, 'must be a product id (uuid)');
    if (!(Number.isSafeInteger(c.quantity) && (c.quantity as number) >= 1)) p.add(`${path}.quantity`, 'must be an integer ≥ 1');
    if (!isObject(c.configuration)) p.add(`${path}.configuration`, 'must be an object (option key → value, attribute key → number)');
  });
}

/** The definition as stored, after `checkDefinition` found nothing wrong. */
export function definitionOf(raw: {
  options?: unknown;
  attributes?: unknown;
  rules?: unknown;
  pricing?: unknown;
  bundle?: unknown;
}): ProductDefinition {
  return {
    options: (raw.options ?? []) as OptionDef[],
    attributes: (raw.attributes ?? []) as AttributeDef[],
    rules: (raw.rules ?? []) as ProductDefinition['rules'],
    pricing: (raw.pricing ?? null) as ProductDefinition['pricing'],
    bundle: (raw.bundle ?? null) as ProductDefinition['bundle'],
  };
}

/**
 * Every problem of a product definition (empty when it is sound). Bundle components are checked
 * for shape here; that they exist and their configurations are valid needs the catalogue (the
 * service checks it).
 */
export function checkDefinition(kind: ProductKind, d: ProductDefinition): FieldError[] {
  const p = new Problems();
  const taken = new Set<string>();
  const keys: Keys = { options: options(p, d.options, taken), attributes: attributes(p, d.attributes, taken) };
  rules(p, d.rules, keys);
  if (kind === 'bundle') {
    for (const part of ['options', 'attributes', 'rules'] as const)
      if (Array.isArray(d[part]) && d[part].length) p.add(part, 'a bundle has none: its components carry their configuration');
    if (d.pricing !== null) p.add('pricing', 'a bundle has none: its components are priced on their own');
    bundle(p, d.bundle);
  } else {
    if (kind === 'simple')
      for (const part of ['options', 'attributes'] as const)
        if (Array.isArray(d[part]) && d[part].length) p.add(part, 'a simple product has none; make it configurable');
    if (d.bundle !== null) p.add('bundle', `only a bundle has components (this product is ${kind})`);
    if (d.pricing === null) p.add('pricing', 'a product that is not a bundle needs pricing {basePrice, …}');
    else pricing(p, d.pricing, keys);
  }
  return p.list;
}

/**
 * Every problem of a price book's entries against the products they name (`products`: the
 * catalogue rows of the named ids that exist). Each entry overrides the base price, adders of
 * option values and/or the tier table of one product.
 */
export function checkEntries(
  raw: unknown,
  products: ReadonlyMap<string, { kind: ProductKind; definition: ProductDefinition }>,
): FieldError[] {
  const p = new Problems();
  if (!Array.isArray(raw)) {
    p.add('entries', 'must be an array');
    return p.list;
  }
  const seen = new Set<string>();
  raw.forEach((e: Json, i) => {
    const path = `entries[${i}]`;
    if (!isObject(e)) return p.add(path, 'must be an object {productId, basePrice?, adders?, tiers?}');
    onlyKeys(p, path, e, ['productId', 'basePrice', 'adders', 'tiers']);
    const product = typeof e.productId === 'string' ? products.get(e.productId) : undefined;
    if (!product) return p.add(`${path}.productId`, `unknown product ${String(e.productId)}`);
    if (product.kind === 'bundle') return p.add(`${path}.productId`, 'a bundle is priced by its components: give their entries');
    if (seen.has(e.productId as string)) p.add(`${path}.productId`, 'a product has one entry per price book');
    seen.add(e.productId as string);
    const has = (v: Json) => v !== undefined && v !== null;
    if (!has(e.basePrice) && !has(e.adders) && !has(e.tiers)) p.add(path, 'needs at least one of basePrice, adders, tiers');
    if (has(e.basePrice)) decimal(p, `${path}.basePrice`, e.basePrice, 0, null);
    if (has(e.adders)) {
      if (!Array.isArray(e.adders)) p.add(`${path}.adders`, 'must be an array of {option, value, adder}');
      else
        e.adders.forEach((a: Json, j) => {
          const ap = `${path}.adders[${j}]`;
          if (!isObject(a)) return p.add(ap, 'must be an object {option, value, adder}');
          onlyKeys(p, ap, a, ['option', 'value', 'adder']);
          const option = product.definition.options.find((o) => o.key === a.option);
          if (!option) p.add(`${ap}.option`, `unknown option ${String(a.option)}`);
          else if (!option.values.some((v) => v.value === a.value))
            p.add(`${ap}.value`, `${String(a.value)} is not a value of option ${option.key}`);
          adder(p, `${ap}.adder`, a.adder);
        });
    }
    if (has(e.tiers)) tierTable(p, `${path}.tiers`, e.tiers, new Map(product.definition.attributes.map((a) => [a.key, a])));
  });
  return p.list;
}
