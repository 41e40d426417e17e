import { describe, expect, it, beforeAll } from '@jest/globals';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { ErrorCode, type ScopeGrant } from '@crm/contracts';
import { applyScope } from './data-scope.js';

@Entity('thing')
class Thing {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ name: 'owner_id', type: 'varchar', length: 64 }) ownerId: string;
}

// Metadata only: SQL is generated, never sent (the e2e tests run it against MariaDB).
const ds = new DataSource({ type: 'mysql', database: 'never_connected', entities: [Thing] });
beforeAll(async () => {
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
});

function sql(scope: ScopeGrant | null): [string, unknown[]] {
  const qb = ds.getRepository(Thing).createQueryBuilder('t').where('t.id = :id', { id: 'x' });
  return applyScope(qb, 't', scope, { ownerColumn: 'ownerId' }).getQueryAndParameters();
}

describe('applyScope', () => {
  it("own and team keep only rows owned by the grant's owners", () => {
    const [own, ownParams] = sql({ scope: 'own', owners: ['E1'] });
    expect(own).toMatch(/WHERE \(`t`.`id` = \?\) AND `t`.`owner_id` IN \(\?\)$/);
    expect(ownParams).toEqual(['x', 'E1']);
    const [team, teamParams] = sql({ scope: 'team', owners: ['E1', 'E2', 'E3'] });
    expect(team).toMatch(/`t`.`owner_id` IN \(\?, \?, \?\)$/);
    expect(teamParams).toEqual(['x', 'E1', 'E2', 'E3']);
  });

  it('all adds no condition', () => {
    const [all, params] = sql({ scope: 'all', owners: null });
    expect(all).toMatch(/WHERE `t`.`id` = \?$/);
    expect(params).toEqual(['x']);
  });

  it('a scope with no owners matches nothing rather than everything', () => {
    expect(sql({ scope: 'team', owners: [] })[0]).toMatch(/AND 1 = 0$/);
  });

  it('refuses a call without an employee (no grant) instead of leaving the query unscoped', () => {
    expect(() => sql(null)).toThrow(expect.objectContaining({ code: ErrorCode.ActorInvalid }));
  });

  it("brackets the query's own filters, so an OR among them cannot bypass the scope", () => {
    const qb = ds.getRepository(Thing).createQueryBuilder('t').where('t.id = :a OR t.id = :b', { a: 'x', b: 'y' });
    const [q] = applyScope(qb, 't', { scope: 'own', owners: ['E1'] }, { ownerColumn: 'ownerId' }).getQueryAndParameters();
    expect(q).toMatch(/WHERE \(`t`.`id` = \? OR `t`.`id` = \?\) AND `t`.`owner_id` IN \(\?\)$/);
  });
});
