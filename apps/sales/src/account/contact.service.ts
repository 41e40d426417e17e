import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CONTACT_CREATED_V1,
  CONTACT_UPDATED_V1,
  CrmError,
  ErrorCode,
  type ContactPage,
  type ContactView,
  type CreateContactDto,
  type ListContactsDto,
  type UpdateContactDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, retryOnDeadlock, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { AccountRepository } from './account.repository.js';
import type { ContactEntity } from './contact.entity.js';
import { CONTACT_SENSITIVE, toContactEvent, toContactView } from './account.mapper.js';
import { CONTACT_LIST, ContactRepository } from './contact.repository.js';

const EDITABLE = ['name', 'role', 'title', 'phone', 'email', 'primary'] as const;

/**
 * People at an account. A contact is within the caller's scope exactly when its account is (4040
 * otherwise). Every change locks the account row first, so making a contact primary and demoting
 * the previous primary (recorded as that contact's own update) never races another such change;
 * the table's unique key on the primary contact is the last guard.
 */
@Injectable()
export class ContactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(ContactRepository) private readonly contacts: ContactRepository,
    @Inject(AccountRepository) private readonly accounts: AccountRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateContactDto, ctx: CallContext): Promise<ContactView> {
    actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const row = await this.createIn(m, dto, ctx);
        return (await this.shown(m, ctx, [toContactView(row)]))[0]!;
      }),
    );
  }

  /** Creates the contact in `m`'s transaction with its operation-log entry and event (also the lead conversion's path). */
  async createIn(m: EntityManager, dto: CreateContactDto, ctx: CallContext): Promise<ContactEntity> {
    const employeeId = actingEmployee(ctx);
    const account = await this.accounts.findById(dto.accountId, ctx.scope, m, true);
    if (!account) throw new CrmError(ErrorCode.NotFound, `account ${dto.accountId} not found`);
    const primary = dto.primary ?? false;
    if (primary) await this.demotePrimary(m, ctx, account.id, employeeId);
    const row = await this.contacts.insert(m, {
      id: randomUUID(),
      accountId: account.id,
      name: dto.name.trim(),
      role: dto.role ?? 'other',
      title: dto.title ?? null,
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      primary,
      createdBy: employeeId,
      updatedBy: employeeId,
    });
    await this.changes.record(m, ctx, {
      entity: 'contact',
      entityId: row.id,
      action: 'create',
      before: null,
      after: { accountId: row.accountId, ...pick(row) },
      event: { pattern: CONTACT_CREATED_V1, data: toContactEvent(row), stream: `contact:${row.id}` },
    });
    return row;
  }

  async update(dto: UpdateContactDto, ctx: CallContext): Promise<ContactView> {
    const employeeId = actingEmployee(ctx);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const seen = await this.contacts.findById(dto.contactId, ctx.scope, m);
        if (!seen) throw new CrmError(ErrorCode.NotFound, `contact ${dto.contactId} not found`);
        // Account first, then contacts: the order every contact change takes its locks in.
        await this.contacts.lockAccount(m, seen.accountId);
        const before = await this.contacts.findById(dto.contactId, ctx.scope, m, true);
        if (!before) throw new CrmError(ErrorCode.NotFound, `contact ${dto.contactId} not found`);
        if (before.version !== dto.version)
          throw new CrmError(ErrorCode.Conflict, `stale version: contact ${before.id} is at version ${before.version}, not ${dto.version}`);
        const patch: Partial<ContactEntity> = {};
        for (const f of EDITABLE) {
          const value = f === 'name' && dto.name !== undefined ? dto.name.trim() : dto[f];
          if (value !== undefined && value !== before[f]) (patch as Record<string, unknown>)[f] = value;
        }
        if (Object.keys(patch).length === 0) return (await this.shown(m, ctx, [toContactView(before)]))[0]!;
        if (patch.primary === true) await this.demotePrimary(m, ctx, before.accountId, employeeId);
        const after = await this.contacts.update(m, before.id, { ...patch, version: before.version + 1, updatedBy: employeeId });
        await this.recordUpdate(
          m,
          ctx,
          before,
          after,
          EDITABLE.filter((f) => f in patch),
        );
        return (await this.shown(m, ctx, [toContactView(after)]))[0]!;
      }),
    );
  }

  async get(contactId: string, ctx: CallContext): Promise<ContactView> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.contacts.findById(contactId, ctx.scope, m);
      if (!c) throw new CrmError(ErrorCode.NotFound, `contact ${contactId} not found`);
      return (await this.shown(m, ctx, [toContactView(c)]))[0]!;
    });
  }

  async list(q: ListContactsDto, ctx: CallContext): Promise<ContactPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(CONTACT_LIST, q.cursor);
    return this.dataSource.transaction(async (m) => {
      const page = toPage(CONTACT_LIST, this.cursors, await this.contacts.list(q, limit, position, ctx.scope, m), limit, toContactView);
      return { ...page, items: await this.shown(m, ctx, page.items) };
    });
  }

  /** The account's current primary contact stops being primary; recorded as its own update. */
  private async demotePrimary(m: EntityManager, ctx: CallContext, accountId: string, employeeId: string): Promise<void> {
    const current = await this.contacts.findPrimary(m, accountId);
    if (!current) return;
    const after = await this.contacts.update(m, current.id, { primary: false, version: current.version + 1, updatedBy: employeeId });
    await this.recordUpdate(m, ctx, current, after, ['primary']);
  }

  private recordUpdate(m: EntityManager, ctx: CallContext, before: ContactEntity, after: ContactEntity, changedFields: string[]) {
    return this.changes.record(m, ctx, {
      entity: 'contact',
      entityId: after.id,
      action: 'update',
      before: pick(before),
      after: pick(after),
      event: { pattern: CONTACT_UPDATED_V1, data: { ...toContactEvent(after), changedFields }, stream: `contact:${after.id}` },
    });
  }

  /** As the account service: masked without `customer.pii.read`, an unmasked read logged with ids and fields. */
  private async shown(m: EntityManager, ctx: CallContext, views: ContactView[]): Promise<ContactView[]> {
    const { items, revealed } = CONTACT_SENSITIVE.protect(views, ctx.permissions);
    if (revealed.ids.length) {
      const entityId = revealed.ids.length === 1 ? revealed.ids[0]! : `${revealed.ids.length} contacts`;
      await this.changes.record(
        m,
        { ...ctx, employeeId: actingEmployee(ctx) },
        {
          entity: 'contact',
          entityId,
          action: 'read-unmasked',
          before: null,
          after: { contactIds: revealed.ids, fields: revealed.fields },
        },
      );
    }
    return items;
  }
}

function pick(c: ContactEntity): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((f) => [f, f === 'primary' ? Boolean(c[f]) : c[f]]));
}
