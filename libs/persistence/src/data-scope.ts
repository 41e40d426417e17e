import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { CrmError, ErrorCode, type ScopeGrant } from '@crm/contracts';

export interface ScopeOptions {
  /** The entity property holding the owner's employee ID (e.g. `ownerId`). */
  ownerColumn: string;
}

/**
 * The one way a repository applies the caller's data scope (SPEC §6.0) to a query: `all` adds
 * nothing, `own`/`team` keep rows whose owner is one of the grant's owners. Used for gets, locked
 * reads before an update and lists alike, so a record outside the scope is simply not found (4040)
 * and never listed. A call without an employee (no grant) is refused rather than left unscoped.
 *
 * Call it last, after the query's own filters: it puts them in brackets first, because TypeORM
 * joins `where('a OR b')` and a later `andWhere` as `a OR b AND owner IN …`, which would let every
 * row matching `a` through.
 */
export function applyScope<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  scope: ScopeGrant | null,
  options: ScopeOptions,
): SelectQueryBuilder<E> {
  if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
  if (scope.scope === 'all' || scope.owners === null) return qb;
  const map = qb.expressionMap;
  if (map.wheres.length > 0) map.wheres = [{ type: 'simple', condition: { operator: 'brackets', condition: map.wheres } }];
  if (scope.owners.length === 0) return qb.andWhere('1 = 0');
  const param = `scopeOwners_${alias}`;
  return qb.andWhere(`${alias}.${options.ownerColumn} IN (:...${param})`, { [param]: scope.owners });
}
