import { CrmError, ErrorCode, type ScopeGrant } from '@crm/contracts';

/** A piece of SQL and its values, in `?` order. Values are only ever parameters. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * The data scope (SPEC §6.0) as a condition on an owner column of a plain-SQL aggregate (figures,
 * progress, evaluation): `all` adds nothing, `own`/`team` keep rows owned by the grant's owners,
 * so a record outside the scope never counts in an analysis. Like `applyScope`, a call without an
 * employee is refused rather than left unscoped.
 */
export function scopeCondition(column: string, scope: ScopeGrant | null): SqlFragment {
  if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
  if (scope.scope === 'all' || scope.owners === null) return { sql: '1 = 1', params: [] };
  if (scope.owners.length === 0) return { sql: '1 = 0', params: [] };
  return { sql: `${column} IN (${scope.owners.map(() => '?').join(', ')})`, params: [...scope.owners] };
}

/** `column IN (?, …)` for a non-empty list. */
export function inList(column: string, values: readonly unknown[]): SqlFragment {
  if (values.length === 0) return { sql: '1 = 0', params: [] };
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

/** Fragments joined with AND. */
export function allOf(parts: readonly SqlFragment[]): SqlFragment {
  if (parts.length === 0) return { sql: '1 = 1', params: [] };
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/** A LIKE pattern matching values that start with `prefix` (its own % _ \ escaped). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `(column LIKE 'a%' OR column LIKE 'b%')` for a non-empty list of prefixes. */
export function anyPrefix(column: string, prefixes: readonly string[]): SqlFragment {
  if (prefixes.length === 0) return { sql: '1 = 0', params: [] };
  return { sql: prefixes.map(() => `${column} LIKE ?`).join(' OR '), params: prefixes.map(prefixPattern) };
}
