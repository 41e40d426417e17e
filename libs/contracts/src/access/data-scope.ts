/**
 * Data scopes (SPEC §6.0): each role grants, per business app, which records its holders see —
 * `own` (records they own), `team` (records owned by members of their teams in that app) or `all`.
 * An employee with several roles gets the widest.
 */
export const DATA_SCOPES = ['own', 'team', 'all'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

/** The apps whose records have owners, and so a data scope. */
export const SCOPED_APPS = ['marketing', 'sales', 'service'] as const;
export type ScopedApp = (typeof SCOPED_APPS)[number];

export function isScopedApp(value: string): value is ScopedApp {
  return (SCOPED_APPS as readonly string[]).includes(value);
}

export function isDataScope(value: unknown): value is DataScope {
  return typeof value === 'string' && (DATA_SCOPES as readonly string[]).includes(value);
}

/** The wider of two scopes (`all` > `team` > `own`). */
export function widerScope(a: DataScope, b: DataScope): DataScope {
  return DATA_SCOPES.indexOf(a) >= DATA_SCOPES.indexOf(b) ? a : b;
}

/**
 * A scope resolved for one employee in one app: the owners whose records the employee sees —
 * `[self]` for `own`, self and their team mates for `team`, `null` (no restriction) for `all`.
 */
export interface ScopeGrant {
  scope: DataScope;
  owners: string[] | null;
}
