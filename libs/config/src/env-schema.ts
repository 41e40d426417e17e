import { z } from 'zod';
import { ConfigError } from './config-error.js';

/**
 * Building blocks for environment schemas (zod). Each app part is a `z.object` keyed by variable
 * name whose `.transform` builds the typed settings; `parseEnv` turns the first issue into a
 * `ConfigError`. Every message is written here, so none can echo the value it refused.
 */

/** A blank variable counts as unset, so the schema's default applies. */
export function unsetIfBlank<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);
}

function wholeNumber(min: number, max: number) {
  const range = `must be between ${min} and ${max}`;
  return z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().min(min, range).max(max, range));
}

/** A whole number in [min, max], times `unit` (e.g. 60_000 for a variable in minutes read as ms). */
export function intVar(fallback: number, min: number, max: number, unit = 1) {
  return unsetIfBlank(
    wholeNumber(min, max)
      .default(fallback)
      .transform((n) => n * unit),
  );
}

/** An optional whole number in [min, max]; null when unset (the caller picks the fallback). */
export function optionalIntVar(min: number, max: number) {
  return unsetIfBlank(wholeNumber(min, max).nullable().default(null));
}

/** Trimmed text with a default. */
export function textVar(fallback: string) {
  return unsetIfBlank(z.string().trim().default(fallback));
}

/** Trimmed text matching `pattern`, with a default. */
export function patternVar(fallback: string, pattern: RegExp, reason: string) {
  return unsetIfBlank(z.string().trim().regex(pattern, reason).default(fallback));
}

/** One of a few words. */
export function enumVar<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return unsetIfBlank(z.enum(values, { error: `must be ${values.join(' or ')}` }).default(fallback));
}

function url(protocols: readonly string[]) {
  return z
    .string()
    .trim()
    .pipe(
      z.url({
        protocol: new RegExp(`^(?:${protocols.join('|')})$`),
        error: (issue) =>
          'note' in issue && issue.note === 'Invalid protocol'
            ? `must use ${protocols.map((p) => `${p}:`).join(' or ')}`
            : 'is not a valid URL',
      }),
    );
}

/** A URL with one of the given protocols (`'https'`, no colon). */
export function urlVar(protocols: readonly string[], fallback: string) {
  return unsetIfBlank(url(protocols).default(fallback));
}

/**
 * The addresses in an AMQP_URL value: one URL, or several separated by commas (the nodes of one
 * RabbitMQ cluster, tried in turn). The one place that splits it: config, broker accounts, tools.
 */
export function amqpAddresses(value: string): string[] {
  return value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

/**
 * One or more AMQP URLs separated by commas. All must name the same user, password and vhost:
 * they are doors to one cluster, whose users and vhosts are cluster-wide, and the apps stamp
 * their events with one broker user (`user_id`) whichever node they are connected to.
 */
export function amqpUrlsVar(fallback: string) {
  const identity = (u: string) => {
    const o = URL.parse(u);
    // `amqp://h` and `amqp://h/` both mean the default vhost
    return o ? `${o.username}\n${o.password}\n${o.pathname === '/' ? '' : o.pathname}` : u;
  };
  return unsetIfBlank(
    z
      .string()
      .transform(amqpAddresses)
      .pipe(z.array(url(['amqp', 'amqps'])).min(1, 'is not a valid URL'))
      .refine((urls) => new Set(urls.map(identity)).size === 1, 'must give every address the same user, password and vhost')
      .default([fallback]),
  );
}

/** An optional URL with one of the given protocols; null when unset. */
export function optionalUrlVar(protocols: readonly string[]) {
  return unsetIfBlank(url(protocols).nullable().default(null));
}

/** An optional bare http(s) origin (`scheme://host[:port]`, no path, query or credentials); null when unset. */
export function optionalOriginVar() {
  return unsetIfBlank(
    url(['http', 'https'])
      .refine((u) => {
        const o = URL.parse(u);
        return !o || (o.pathname === '/' && !o.search && !o.hash && !o.username && !o.password);
      }, 'must be a bare origin (scheme://host[:port], no path, query or credentials)')
      .transform((u) => new URL(u).origin)
      .nullable()
      .default(null),
  );
}

/** A comma-separated list, items trimmed and lower-cased, blanks and duplicates dropped, each matching `pattern`. */
export function lowerListVar(pattern: RegExp) {
  return unsetIfBlank(
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((i) => i.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(pattern, 'has an item that is not allowed (see the documentation for the format)')))
      .transform((items) => [...new Set(items)])
      .default([]),
  );
}

/** Validates `env` against `schema`; the first problem (in schema order) stops with a `ConfigError`. */
export function parseEnv<T>(schema: z.ZodType<T, unknown>, env: NodeJS.ProcessEnv): T {
  const result = schema.safeParse(env, { reportInput: false });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = typeof issue.path[0] === 'string' ? issue.path[0] : 'environment';
  throw new ConfigError(variable, issue.message);
}
