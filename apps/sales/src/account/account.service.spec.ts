import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { ACCOUNT_CREATED_V1, ACCOUNT_UPDATED_V1, CrmError, ErrorCode, type ScopeGrant } from '@crm/contracts';
import type { Change, ChangeContext, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import type { Placement, TerritoryPlacement } from '../territory/territory-placement.js';
import type { AccountEntity } from './account.entity.js';
import type { AccountRepository, ExistingAccount } from './account.repository.js';
import { AccountService } from './account.service.js';

const inScope = (scope: ScopeGrant | null, ownerId: string) => {
  if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
  return scope.owners === null || scope.owners.includes(ownerId);
};

/** MariaDB's answer to a unique-key violation, as mysql2 reports it. */
const duplicate = (key: string) =>
  Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY', errno: 1062, sqlMessage: `Duplicate entry 'x' for key '${key}'` });

/** The repository's contract without SQL: rows in a map, the unique keys and the data scope applied as the table and `applyScope` do. */
class FakeAccountRepository {
  readonly rows = new Map<string, AccountEntity>();
  writes = 0;

  private checkUnique(row: AccountEntity): void {
    for (const other of this.rows.values()) {
      if (other.id === row.id) continue;
      if (other.accountNo === row.accountNo) throw duplicate('uq_account_account_no');
      if (row.registrationNo !== null && other.registrationNo === row.registrationNo) throw duplicate('uq_account_registration_no');
      const sameName = other.normalizedName === row.normalizedName && (other.regionCode ?? '') === (row.regionCode ?? '');
      if (sameName && other.legacyDuplicate === row.legacyDuplicate) throw duplicate('uq_account_name_region');
    }
  }

  async insert(
    _m: EntityManager,
    row: Omit<AccountEntity, 'version' | 'createdAt' | 'updatedAt' | 'legacyDuplicate'>,
  ): Promise<AccountEntity> {
    const full: AccountEntity = {
      ...row,
      legacyDuplicate: 0,
      version: 1,
      createdAt: new Date('2026-11-01T00:00:00Z'),
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    };
    this.checkUnique(full);
    this.writes += 1;
    this.rows.set(full.id, full);
    return { ...full };
  }

  async findById(id: string, scope: ScopeGrant | null): Promise<AccountEntity | null> {
    const row = this.rows.get(id);
    return row && inScope(scope, row.ownerId) ? { ...row } : null;
  }

  async update(_m: EntityManager, id: string, patch: Partial<AccountEntity>): Promise<AccountEntity> {
    const row = { ...this.rows.get(id)!, ...patch, updatedAt: new Date('2026-11-02T00:00:00Z') };
    this.checkUnique(row);
    this.writes += 1;
    this.rows.set(id, row);
    return { ...row };
  }

  async lockAncestors(_m: EntityManager, id: string): Promise<string[]> {
    return this.ancestorIds(id);
  }

  async ancestorIds(id: string): Promise<string[]> {
    const chain: string[] = [];
    for (
      let next = this.rows.get(id)?.parentId ?? null;
      next !== null && !chain.includes(next);
      next = this.rows.get(next)?.parentId ?? null
    )
      chain.push(next);
    return chain;
  }

  async findMany(ids: string[], scope: ScopeGrant | null): Promise<AccountEntity[]> {
    return ids.flatMap((id) => (this.rows.has(id) && inScope(scope, this.rows.get(id)!.ownerId) ? [{ ...this.rows.get(id)! }] : []));
  }

  async children(id: string, scope: ScopeGrant | null): Promise<AccountEntity[]> {
    return [...this.rows.values()].filter((r) => r.parentId === id && inScope(scope, r.ownerId));
  }

  async holderOf(
    key: 'registrationNo' | 'name' | 'accountNo',
    c: { registrationNo: string | null; normalizedName: string; regionCode: string | null; accountNo: string },
  ): Promise<ExistingAccount | null> {
    const row = [...this.rows.values()].find((r) =>
      key === 'registrationNo'
        ? r.registrationNo === c.registrationNo
        : key === 'accountNo'
          ? r.accountNo === c.accountNo
          : r.normalizedName === c.normalizedName && (r.regionCode ?? '') === (c.regionCode ?? '') && r.legacyDuplicate === 0,
    );
    return row ? { id: row.id, accountNo: row.accountNo } : null;
  }
}

const ID = (n: number) => `0b8f4f0e-0000-4000-8000-${String(n).padStart(12, '0')}`;
const HUAWEI_REG = '914403001922038216';

function account(n: number, over: Partial<AccountEntity> = {}): AccountEntity {
  return {
    id: ID(n),
    accountNo: `ACC-${n}`,
    name: `Account ${n}`,
    normalizedName: `account ${n}`,
    registrationNo: null,
    industryCode: null,
    regionCode: null,
    legacyDuplicate: 0,
    phone: '13800008000',
    email: 'li.lei@example.com',
    segment: 'business',
    parentId: null,
    version: 1,
    ownerId: 'E100001',
    territoryId: null,
    createdBy: 'E100001',
    updatedBy: 'E100001',
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    ...over,
  };
}

function setup(rows: AccountEntity[] = [], placement: Placement = { territoryId: null, ownerId: null, ruleId: null }) {
  const repo = new FakeAccountRepository();
  for (const r of rows) repo.rows.set(r.id, r);
  const recorded: Array<{ context: ChangeContext; change: Change }> = [];
  const changes = {
    record: async (_m: EntityManager | null, context: ChangeContext, change: Change) => void recorded.push({ context, change }),
  } as unknown as ChangeRecorder;
  const placed: unknown[] = [];
  const territories = {
    place: async (_m: EntityManager, input: unknown) => (placed.push(input), placement),
  } as unknown as TerritoryPlacement;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) } as unknown as DataSource;
  const service = new AccountService(
    dataSource,
    changes,
    repo as unknown as AccountRepository,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
    territories,
  );
  return { repo, recorded, placed, service };
}

function ctx(employeeId: string, owners: string[] | null, permissions: string[] = ['account.write', 'account.read']): CallContext {
  return {
    caller: 'FRONTEND',
    employeeId,
    requestKey: null,
    requestId: 'rq-1',
    scope: { scope: owners ? 'own' : 'all', owners },
    permissions,
  };
}

async function failure(p: Promise<unknown>): Promise<CrmError> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => {
      if (!(e instanceof CrmError)) throw e;
      return e;
    },
  );
}

describe('AccountService.create', () => {
  it('stores the normalised name, lets the territory rules place it, and records the rule; the event has no personal fields', async () => {
    const { service, repo, recorded, placed } = setup([], { territoryId: ID(900), ownerId: 'E100002', ruleId: 'rule-south-telecom' });
    const view = await service.create(
      { name: '  华为技术 （深圳） 有限公司 ', regionCode: '440300', industryCode: 'I6510', phone: '13800008000', accountNo: 'HW-1' },
      ctx('E100001', ['E100001']),
    );
    expect(placed).toEqual([{ regionCode: '440300', industryCode: 'I6510', segment: 'business' }]);
    expect(view).toMatchObject({
      name: '华为技术 （深圳） 有限公司',
      ownerId: 'E100002',
      territoryId: ID(900),
      phone: '138****8000',
      version: 1,
    });
    expect(repo.rows.get(view.accountId)).toMatchObject({ normalizedName: '华为技术(深圳)', createdBy: 'E100001' });
    const change = recorded[0]!.change;
    expect(change).toMatchObject({
      entity: 'account',
      action: 'create',
      after: { placementRuleId: 'rule-south-telecom', ownerId: 'E100002' },
    });
    expect(change.event).toMatchObject({
      pattern: ACCOUNT_CREATED_V1,
      data: { accountId: view.accountId, accountNo: 'HW-1', regionCode: '440300' },
    });
    expect(Object.keys(change.event!.data).filter((k) => ['phone', 'email', 'registrationNo'].includes(k))).toEqual([]);
  });

  it('asks no territory rule when the payload names the territory, and the creator owns it', async () => {
    const { service, placed } = setup();
    const view = await service.create({ name: 'Acme', territoryId: ID(901) }, ctx('E100001', ['E100001']));
    expect(placed).toEqual([]);
    expect(view).toMatchObject({ ownerId: 'E100001', territoryId: ID(901) });
  });

  it('refuses the same registration number with 4090 naming the existing account', async () => {
    const { service, recorded } = setup([account(1, { registrationNo: HUAWEI_REG, accountNo: 'HW-1', ownerId: 'E100009' })]);
    const e = await failure(service.create({ name: 'Something else', registrationNo: HUAWEI_REG }, ctx('E100001', ['E100001'])));
    expect(e.code).toBe(ErrorCode.Conflict);
    expect(e.message).toContain(ID(1));
    expect(e.message).toContain('HW-1');
    expect(e.details).toEqual([
      { field: 'registrationNo', reasons: [`duplicate of account ${ID(1)} (HW-1)`] },
      { field: 'existingAccountId', reasons: [ID(1)] },
      { field: 'existingAccountNo', reasons: ['HW-1'] },
    ]);
    expect(recorded).toHaveLength(0);
  });

  it('refuses the same normalised name in the same region (suffix, width and spaces aside), not in another region', async () => {
    const existing = account(1, { name: '华为技术有限公司', normalizedName: '华为技术', regionCode: '440300', accountNo: 'HW-1' });
    const { service } = setup([existing]);
    const e = await failure(service.create({ name: '华为技术 股份有限公司', regionCode: '440300' }, ctx('E100001', null)));
    expect(e.code).toBe(ErrorCode.Conflict);
    expect(e.details?.[0]).toEqual({ field: 'name', reasons: [`duplicate of account ${ID(1)} (HW-1)`] });
    expect((await service.create({ name: '华为技术有限公司', regionCode: '110105' }, ctx('E100001', null))).regionCode).toBe('110105');
    // No region is a region of its own: one "Acme" without one, a second is refused.
    await service.create({ name: 'Acme Co., Ltd.' }, ctx('E100001', null));
    expect((await failure(service.create({ name: 'ACME Company Limited' }, ctx('E100001', null)))).code).toBe(ErrorCode.Conflict);
  });

  it('refuses a parent outside the scope as missing (4040) and an owner outside the scope (4220)', async () => {
    const { service, repo } = setup([account(1, { ownerId: 'E100009' })]);
    expect((await failure(service.create({ name: 'Child', parentId: ID(1) }, ctx('E100001', ['E100001'])))).code).toBe(ErrorCode.NotFound);
    const e = await failure(service.create({ name: 'Handed over', ownerId: 'E100009' }, ctx('E100001', ['E100001'])));
    expect(e).toMatchObject({ code: ErrorCode.ValidationFailed, details: [{ field: 'ownerId' }] });
    expect(repo.rows.size).toBe(1);
  });
});

describe('AccountService.update', () => {
  it('answers 4040 for an account outside the scope, as for a missing one, and changes nothing', async () => {
    const { service, repo, recorded } = setup([account(1, { ownerId: 'E100002' })]);
    expect((await failure(service.update({ accountId: ID(1), version: 1, name: 'X' }, ctx('E100001', ['E100001'])))).code).toBe(
      ErrorCode.NotFound,
    );
    expect((await failure(service.update({ accountId: ID(404), version: 1, name: 'X' }, ctx('E100001', null)))).code).toBe(
      ErrorCode.NotFound,
    );
    expect(repo.writes).toBe(0);
    expect(recorded).toHaveLength(0);
  });

  it('refuses a stale version with 4090 and writes nothing', async () => {
    const { service, repo, recorded } = setup([account(1, { version: 3 })]);
    const e = await failure(service.update({ accountId: ID(1), version: 2, name: 'Late edit' }, ctx('E100001', ['E100001'])));
    expect(e.code).toBe(ErrorCode.Conflict);
    expect(e.message).toBe(`stale version: account ${ID(1)} is at version 3, not 2`);
    expect(repo.writes).toBe(0);
    expect(recorded).toHaveLength(0);
  });

  it('records the fields before and after and the updated event with what changed; a rename recomputes the duplicate key', async () => {
    const { service, repo, recorded } = setup([account(1, { legacyDuplicate: 2 })]);
    const view = await service.update(
      { accountId: ID(1), version: 1, name: 'Acme Holdings Inc.', industryCode: 'I65', phone: null },
      ctx('E100001', ['E100001']),
    );
    expect(view).toMatchObject({ name: 'Acme Holdings Inc.', industryCode: 'I65', phone: null, version: 2 });
    expect(repo.rows.get(ID(1))).toMatchObject({ normalizedName: 'acme holdings', legacyDuplicate: 0, updatedBy: 'E100001' });
    expect(recorded[0]!.change).toMatchObject({
      action: 'update',
      before: { name: 'Account 1', industryCode: null, phone: '13800008000' },
      after: { name: 'Acme Holdings Inc.', industryCode: 'I65', phone: null },
      event: { pattern: ACCOUNT_UPDATED_V1, data: { version: 2, changedFields: ['name', 'industryCode', 'phone'] } },
    });
  });

  it('a rename onto another account’s name in the same region is 4090 naming it', async () => {
    const { service } = setup([
      account(1, { name: 'Acme Ltd', normalizedName: 'acme', regionCode: '440300' }),
      account(2, { regionCode: '440300' }),
    ]);
    const e = await failure(service.update({ accountId: ID(2), version: 1, name: 'ACME, Inc.' }, ctx('E100001', null)));
    expect(e.code).toBe(ErrorCode.Conflict);
    expect(e.details?.[0]).toEqual({ field: 'name', reasons: [`duplicate of account ${ID(1)} (ACC-1)`] });
  });

  it('refuses a hierarchy cycle (itself or one of its descendants as parent) with 4220', async () => {
    // 1 ← 2 ← 3: 2's parent is 1, 3's parent is 2.
    const { service, repo } = setup([account(1), account(2, { parentId: ID(1) }), account(3, { parentId: ID(2) })]);
    const own = ctx('E100001', ['E100001']);
    for (const parentId of [ID(3), ID(2), ID(1)]) {
      const e = await failure(service.update({ accountId: ID(1), version: 1, parentId }, own));
      expect(e).toMatchObject({ code: ErrorCode.ValidationFailed, details: [{ field: 'parentId' }] });
    }
    expect(repo.writes).toBe(0);
    // Moving 3 under 1 is fine, as is detaching it.
    expect((await service.update({ accountId: ID(3), version: 1, parentId: ID(1) }, own)).parentId).toBe(ID(1));
    expect((await service.update({ accountId: ID(3), version: 2, parentId: null }, own)).parentId).toBeNull();
  });

  it('shows the hierarchy within the scope: ancestors root first, children, out-of-scope ones left out', async () => {
    const { service } = setup([
      account(1, { ownerId: 'E100009' }),
      account(2, { parentId: ID(1) }),
      account(3, { parentId: ID(2) }),
      account(4, { parentId: ID(3) }),
      account(5, { parentId: ID(3), ownerId: 'E100009' }),
    ]);
    const h = await service.hierarchy(ID(3), ctx('E100001', ['E100001']));
    expect(h.ancestors.map((a) => a.accountId)).toEqual([ID(2)]);
    expect(h.children.map((a) => a.accountId)).toEqual([ID(4)]);
    const all = await service.hierarchy(ID(3), ctx('E100003', null));
    expect(all.ancestors.map((a) => a.accountId)).toEqual([ID(1), ID(2)]);
    expect(all.children.map((a) => a.accountId).sort()).toEqual([ID(4), ID(5)]);
  });
});

describe('AccountService reads', () => {
  it('masks phone and e-mail without customer.pii.read; with it shows them and logs the read (ids and fields only)', async () => {
    const { service, recorded } = setup([account(1)]);
    expect(await service.get(ID(1), ctx('E100001', ['E100001']))).toMatchObject({ phone: '138****8000', email: 'l***@example.com' });
    expect(recorded).toHaveLength(0);
    const shown = await service.get(ID(1), ctx('E100001', null, ['account.read', 'customer.pii.read']));
    expect(shown).toMatchObject({ phone: '13800008000', email: 'li.lei@example.com' });
    expect(recorded.map((r) => r.change)).toEqual([
      {
        entity: 'account',
        entityId: ID(1),
        action: 'read-unmasked',
        before: null,
        after: { accountIds: [ID(1)], fields: ['email', 'phone'] },
      },
    ]);
  });
});
