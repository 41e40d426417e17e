import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, CUSTOMER_UPDATED_V1, ErrorCode, type ScopeGrant } from '@crm/contracts';
import type { Change, ChangeContext, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import type { CustomerEntity } from './customer.entity.js';
import type { CustomerRepository } from './customer.repository.js';
import { CustomerService } from './customer.service.js';

/** The repository's contract without SQL: rows in a map, the data scope applied as `applyScope` does. */
class FakeCustomerRepository {
  readonly rows = new Map<string, CustomerEntity>();
  updates = 0;

  async findByAccountNo(accountNo: string, scope: ScopeGrant | null): Promise<CustomerEntity | null> {
    if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
    const row = [...this.rows.values()].find((c) => c.accountNo === accountNo);
    return row && (scope.owners === null || scope.owners.includes(row.ownerId)) ? { ...row } : null;
  }

  async update(_m: EntityManager, id: string, patch: Partial<CustomerEntity>): Promise<CustomerEntity> {
    this.updates += 1;
    const row = { ...this.rows.get(id)!, ...patch, updatedAt: new Date('2026-11-02T00:00:00Z') };
    this.rows.set(id, row);
    return { ...row };
  }
}

function customer(over: Partial<CustomerEntity> = {}): CustomerEntity {
  return {
    id: '0b8f4f0e-0000-4000-8000-000000000001',
    accountNo: 'ACC-1',
    name: 'Li Lei',
    phone: '13800008000',
    email: null,
    segment: 'consumer',
    version: 1,
    ownerId: 'E100001',
    createdBy: 'E100001',
    updatedBy: 'E100001',
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    ...over,
  };
}

function setup(...rows: CustomerEntity[]) {
  const repo = new FakeCustomerRepository();
  for (const r of rows) repo.rows.set(r.id, r);
  const recorded: Array<{ context: ChangeContext; change: Change }> = [];
  const changes = {
    record: async (_m: EntityManager | null, context: ChangeContext, change: Change) => void recorded.push({ context, change }),
  } as unknown as ChangeRecorder;
  const tx = {} as EntityManager;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run(tx) } as unknown as DataSource;
  const service = new CustomerService(
    dataSource,
    changes,
    repo as unknown as CustomerRepository,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
  );
  return { repo, recorded, service };
}

function ctx(employeeId: string, owners: string[] | null, permissions: string[] = ['customer.write']): CallContext {
  return {
    caller: 'FRONTEND',
    employeeId,
    requestKey: null,
    requestId: 'rq-1',
    scope: { scope: owners ? 'own' : 'all', owners },
    permissions,
  };
}

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | undefined> {
  return p.then(
    () => undefined,
    (e: unknown) => (e instanceof CrmError ? e.code : undefined),
  );
}

describe('CustomerService.update', () => {
  it('answers 4040 for a customer outside the scope, as for a missing one, and changes nothing', async () => {
    const { service, repo, recorded } = setup(customer({ ownerId: 'E100002' }));
    expect(await codeOf(service.update({ accountNo: 'ACC-1', name: 'Han Meimei' }, ctx('E100001', ['E100001'])))).toBe(ErrorCode.NotFound);
    expect(await codeOf(service.update({ accountNo: 'ACC-404', name: 'Han Meimei' }, ctx('E100001', null)))).toBe(ErrorCode.NotFound);
    expect(repo.updates).toBe(0);
    expect(recorded).toHaveLength(0);
  });

  it('records the change with the editable fields before and after, and the updated event with what changed', async () => {
    const { service, repo, recorded } = setup(customer({ ownerId: 'E100002' }));
    const view = await service.update(
      { accountNo: 'ACC-1', name: 'Han Meimei', segment: 'consumer' },
      ctx('E100001', ['E100001', 'E100002']),
    );
    expect(repo.updates).toBe(1);
    expect(view).toMatchObject({ name: 'Han Meimei', version: 2, phone: '138****8000' });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.context).toMatchObject({ caller: 'FRONTEND', employeeId: 'E100001', requestId: 'rq-1' });
    expect(recorded[0]!.change).toMatchObject({
      entity: 'customer',
      entityId: customer().id,
      action: 'update',
      before: { name: 'Li Lei', phone: '13800008000', email: null, segment: 'consumer' },
      after: { name: 'Han Meimei', phone: '13800008000', email: null, segment: 'consumer' },
      event: { pattern: CUSTOMER_UPDATED_V1, data: { accountNo: 'ACC-1', name: 'Han Meimei', version: 2, changedFields: ['name'] } },
    });
    expect(repo.rows.get(customer().id)).toMatchObject({ updatedBy: 'E100001', version: 2 });
  });

  it('records nothing when nothing changed, and logs an unmasked read for an employee with customer.pii.read', async () => {
    const { service, repo, recorded } = setup(customer());
    const view = await service.update(
      { accountNo: 'ACC-1', name: 'Li Lei' },
      ctx('E100001', null, ['customer.write', 'customer.pii.read']),
    );
    expect(view.phone).toBe('13800008000');
    expect(repo.updates).toBe(0);
    expect(recorded.map((r) => r.change.action)).toEqual(['read-unmasked']);
    expect(recorded[0]!.change.after).toEqual({ customerIds: [customer().id], fields: ['phone'] });
  });
});
