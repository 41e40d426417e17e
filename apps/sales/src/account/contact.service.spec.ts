import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { CONTACT_CREATED_V1, CONTACT_UPDATED_V1, CrmError, ErrorCode, type ScopeGrant } from '@crm/contracts';
import type { Change, ChangeRecorder } from '@crm/outbox';
import { ListCursorCodec } from '@crm/persistence';
import type { CallContext } from '@crm/security';
import type { AccountRepository } from './account.repository.js';
import type { ContactEntity } from './contact.entity.js';
import type { ContactRepository } from './contact.repository.js';
import { ContactService } from './contact.service.js';

const ACCOUNT_A = '0b8f4f0e-0000-4000-8000-00000000000a';
const ACCOUNT_B = '0b8f4f0e-0000-4000-8000-00000000000b';
/** Account A is owned by E100001, B by E100002. */
const OWNERS: Record<string, string> = { [ACCOUNT_A]: 'E100001', [ACCOUNT_B]: 'E100002' };
const inScope = (scope: ScopeGrant | null, accountId: string) => scope!.owners === null || scope!.owners.includes(OWNERS[accountId]!);

class FakeContacts {
  readonly rows = new Map<string, ContactEntity>();
  locks: string[] = [];
  async insert(_m: EntityManager, row: Omit<ContactEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<ContactEntity> {
    const full = { ...row, version: 1, createdAt: new Date('2026-11-01T00:00:00Z'), updatedAt: new Date('2026-11-01T00:00:00Z') };
    this.rows.set(row.id, full);
    return { ...full };
  }
  async findById(id: string, scope: ScopeGrant | null): Promise<ContactEntity | null> {
    const row = this.rows.get(id);
    return row && inScope(scope, row.accountId) ? { ...row } : null;
  }
  async findPrimary(_m: EntityManager, accountId: string): Promise<ContactEntity | null> {
    return [...this.rows.values()].find((c) => c.accountId === accountId && c.primary) ?? null;
  }
  async lockAccount(_m: EntityManager, accountId: string): Promise<void> {
    this.locks.push(accountId);
  }
  async update(_m: EntityManager, id: string, patch: Partial<ContactEntity>): Promise<ContactEntity> {
    const row = { ...this.rows.get(id)!, ...patch };
    this.rows.set(id, row);
    return { ...row };
  }
}

const accounts = {
  findById: async (id: string, scope: ScopeGrant | null) => (id in OWNERS && inScope(scope, id) ? { id, ownerId: OWNERS[id] } : null),
} as unknown as AccountRepository;

function setup() {
  const contacts = new FakeContacts();
  const recorded: Change[] = [];
  const changes = { record: async (_m: unknown, _c: unknown, change: Change) => void recorded.push(change) } as unknown as ChangeRecorder;
  const dataSource = { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run({} as EntityManager) } as unknown as DataSource;
  const service = new ContactService(
    dataSource,
    changes,
    contacts as unknown as ContactRepository,
    accounts,
    new ListCursorCodec([Buffer.alloc(32, 7)]),
  );
  return { contacts, recorded, service };
}

const ctx = (employeeId: string, owners: string[] | null, permissions = ['account.write']): CallContext => ({
  caller: 'FRONTEND',
  employeeId,
  requestKey: null,
  requestId: 'rq-1',
  scope: { scope: owners ? 'own' : 'all', owners },
  permissions,
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof CrmError ? e.code : e),
  );

describe('ContactService', () => {
  it('adds a contact with its role at an account in scope; phone masked; the event carries no phone or e-mail', async () => {
    const { service, recorded } = setup();
    const c = await service.create(
      {
        accountId: ACCOUNT_A,
        name: ' Wang Fang ',
        role: 'economic-buyer',
        title: 'CFO',
        phone: '13900001234',
        email: 'wang.fang@example.com',
      },
      ctx('E100001', ['E100001']),
    );
    expect(c).toMatchObject({
      name: 'Wang Fang',
      role: 'economic-buyer',
      title: 'CFO',
      phone: '139****1234',
      email: 'w***@example.com',
      primary: false,
    });
    expect(recorded[0]).toMatchObject({
      entity: 'contact',
      action: 'create',
      event: { pattern: CONTACT_CREATED_V1, data: { contactId: c.contactId, role: 'economic-buyer' } },
    });
    expect(Object.keys(recorded[0]!.event!.data).filter((k) => k === 'phone' || k === 'email')).toEqual([]);
  });

  it('a contact of an account outside the scope is 4040, to create, read and change alike', async () => {
    const { service } = setup();
    expect(await codeOf(service.create({ accountId: ACCOUNT_B, name: 'X' }, ctx('E100001', ['E100001'])))).toBe(ErrorCode.NotFound);
    const b = await service.create({ accountId: ACCOUNT_B, name: 'Zhao Lei' }, ctx('E100002', ['E100002']));
    expect(await codeOf(service.get(b.contactId, ctx('E100001', ['E100001'])))).toBe(ErrorCode.NotFound);
    expect(await codeOf(service.update({ contactId: b.contactId, version: 1, name: 'Y' }, ctx('E100001', ['E100001'])))).toBe(
      ErrorCode.NotFound,
    );
    expect((await service.get(b.contactId, ctx('E100003', null))).name).toBe('Zhao Lei');
  });

  it('one primary per account: making another primary demotes the first, recorded as its own update', async () => {
    const { service, contacts, recorded } = setup();
    const own = ctx('E100001', ['E100001']);
    const first = await service.create({ accountId: ACCOUNT_A, name: 'Li', role: 'decision-maker', primary: true }, own);
    const second = await service.create({ accountId: ACCOUNT_A, name: 'Wang', role: 'technical' }, own);
    recorded.length = 0;
    const promoted = await service.update({ contactId: second.contactId, version: 1, primary: true }, own);
    expect(promoted).toMatchObject({ primary: true, version: 2 });
    expect(contacts.rows.get(first.contactId)).toMatchObject({ primary: false, version: 2 });
    expect(contacts.locks).toEqual([ACCOUNT_A]);
    expect(recorded.map((r) => [r.entityId, r.event?.pattern, (r.event?.data as { changedFields?: string[] }).changedFields])).toEqual([
      [first.contactId, CONTACT_UPDATED_V1, ['primary']],
      [second.contactId, CONTACT_UPDATED_V1, ['primary']],
    ]);
  });

  it('refuses a stale version with 4090', async () => {
    const { service, recorded } = setup();
    const c = await service.create({ accountId: ACCOUNT_A, name: 'Li' }, ctx('E100001', ['E100001']));
    await service.update({ contactId: c.contactId, version: 1, role: 'billing' }, ctx('E100001', ['E100001']));
    recorded.length = 0;
    expect(await codeOf(service.update({ contactId: c.contactId, version: 1, role: 'user' }, ctx('E100001', ['E100001'])))).toBe(
      ErrorCode.Conflict,
    );
    expect(recorded).toHaveLength(0);
  });
});
