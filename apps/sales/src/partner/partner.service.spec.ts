import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode, PARTNER_UPDATED_V1, type ScopeGrant } from '@crm/contracts';
import type { Change, ChangeContext, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import type { PartnerEntity } from './partner.entity.js';
import type { NewPartner, PartnerRepository } from './partner.repository.js';
import { PartnerService } from './partner.service.js';

/** Partners in a map; the caller-name unique key as MariaDB reports it. */
class FakePartnerRepository {
  readonly rows = new Map<string, PartnerEntity>();
  async insert(_m: EntityManager, row: NewPartner): Promise<PartnerEntity> {
    if ([...this.rows.values()].some((p) => p.callerName === row.callerName))
      throw Object.assign(new Error("Duplicate entry 'x' for key 'uq_partner_caller'"), { code: 'ER_DUP_ENTRY', errno: 1062 });
    const at = new Date('2026-11-30T00:00:00Z');
    const created = { ...row, version: 1, createdAt: at, updatedAt: at };
    this.rows.set(row.id, created);
    return { ...created };
  }
  async find(id: string, scope: ScopeGrant | null): Promise<PartnerEntity | null> {
    const p = this.rows.get(id);
    return p && scope && (scope.owners === null || scope.owners.includes(p.ownerId)) ? { ...p } : null;
  }
  async byCaller(callerName: string): Promise<PartnerEntity | null> {
    return [...this.rows.values()].find((p) => p.callerName === callerName) ?? null;
  }
  async update(_m: EntityManager, id: string, patch: Partial<PartnerEntity>): Promise<PartnerEntity> {
    const row = { ...this.rows.get(id)!, ...patch };
    this.rows.set(id, row);
    return { ...row };
  }
}

function setup() {
  const repo = new FakePartnerRepository();
  const recorded: Array<{ context: ChangeContext; change: Change }> = [];
  const changes = {
    record: async (_m: EntityManager | null, context: ChangeContext, change: Change) => void recorded.push({ context, change }),
  } as unknown as ChangeRecorder;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) } as unknown as DataSource;
  const service = new PartnerService(dataSource, changes, repo as unknown as PartnerRepository, new ListCursorCodec([Buffer.alloc(32, 7)]));
  return { repo, recorded, service };
}

const ctx = (employeeId: string, owners: string[] | null): CallContext => ({
  caller: 'FRONTEND',
  employeeId,
  requestKey: null,
  requestId: 'rq-1',
  scope: { scope: owners ? 'own' : 'all', owners },
  permissions: ['partner.read', 'partner.write'],
});

async function failure(p: Promise<unknown>): Promise<CrmError> {
  return p.then(
    () => {
      throw new Error('expected a CrmError');
    },
    (e: unknown) => {
      if (!(e instanceof CrmError)) throw e;
      return e;
    },
  );
}

describe('PartnerService', () => {
  it('one partner per caller name: a second one is 4090 naming the holder', async () => {
    const { service } = setup();
    const first = await service.create(
      { name: 'Bright', kind: 'dealer', callerName: 'PARTNER-BRIGHT', regionCodes: ['440300', '110000', '440300'] },
      ctx('E100001', null),
    );
    expect(first).toMatchObject({ status: 'active', tier: 'registered', ownerId: 'E100001', regionCodes: ['110000', '440300'] });
    const again = await failure(service.create({ name: 'Copy', kind: 'agent', callerName: 'PARTNER-BRIGHT' }, ctx('E100001', null)));
    expect(again).toMatchObject({ code: ErrorCode.Conflict, message: `caller PARTNER-BRIGHT is already partner ${first.partnerId}` });
    expect(again.details).toEqual([{ field: 'callerName', reasons: ['taken by another partner'] }]);
  });

  it('update needs the current version, records what changed, and suspends', async () => {
    const { service, recorded } = setup();
    const p = await service.create({ name: 'Bright', kind: 'dealer', callerName: 'PARTNER-BRIGHT' }, ctx('E100001', null));
    expect((await failure(service.update({ partnerId: p.partnerId, version: 2, status: 'suspended' }, ctx('E100001', null)))).code).toBe(
      ErrorCode.Conflict,
    );
    expect(
      (await failure(service.update({ partnerId: p.partnerId, version: 1, status: 'suspended' }, ctx('E100009', ['E100009'])))).code,
    ).toBe(ErrorCode.NotFound);
    const after = await service.update({ partnerId: p.partnerId, version: 1, status: 'suspended', name: 'Bright' }, ctx('E100001', null));
    expect(after).toMatchObject({ status: 'suspended', version: 2 });
    expect(recorded.at(-1)!.change).toMatchObject({
      action: 'update',
      before: { status: 'active' },
      after: { status: 'suspended' },
      event: { pattern: PARTNER_UPDATED_V1, data: { changedFields: ['status'] } },
    });
  });
});
