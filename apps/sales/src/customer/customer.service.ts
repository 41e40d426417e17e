import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  CrmError,
  CUSTOMER_CREATED_V1,
  CUSTOMER_UPDATED_V1,
  ErrorCode,
  type CreateCustomerDto,
  type CustomerPage,
  type CustomerView,
  type ListCustomersDto,
  type OperationEvent,
  type UpdateCustomerDto,
} from '@crm/contracts';
import { diffChanges } from '@crm/messaging';
import { OutboxWriter } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import type { EntityManager } from 'typeorm';
import { CustomerEntity } from './customer.entity.js';
import { CUSTOMER_SENSITIVE, toCustomerView } from './customer.mapper.js';
import { CUSTOMER_LIST, CustomerRepository } from './customer.repository.js';

const EDITABLE = ['name', 'phone', 'email', 'segment'] as const;

/**
 * Customers. Each change writes its business event and its operation-log entry to the outbox in
 * the change's own transaction, so both exist exactly when the change committed. Every read and
 * write sees only customers in the employee's data scope (others are 4040, as if missing), and every
 * reply passes through the view's field protection; an unmasked read is itself logged.
 */
@Injectable()
export class CustomerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    @Inject(CustomerRepository) private readonly customers: CustomerRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateCustomerDto, ctx: CallContext): Promise<CustomerView> {
    const employeeId = actingEmployee(ctx);
    const id = randomUUID();
    try {
      return await this.dataSource.transaction(async (m) => {
        const created = toCustomerView(await this.customers.insert(m, {
          id,
          accountNo: dto.accountNo,
          name: dto.name.trim(),
          phone: dto.phone ?? null,
          email: dto.email ?? null,
          segment: dto.segment ?? 'consumer',
          ownerId: employeeId,
          createdBy: employeeId,
          updatedBy: employeeId,
        }));
        const { customerId, version, createdAt, updatedAt, ...fields } = created;
        await this.record(m, ctx, customerId, 'create', diffChanges(null, fields));
        await this.outbox.add(m, CUSTOMER_CREATED_V1, { ...created }, { caller: ctx.caller, employeeId });
        return (await this.shown(m, ctx, [created]))[0]!;
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new CrmError(ErrorCode.Conflict, `customer ${dto.accountNo} exists`);
      throw err;
    }
  }

  async update(dto: UpdateCustomerDto, ctx: CallContext): Promise<CustomerView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.customers.findByAccountNo(dto.accountNo, ctx.scope, m, true);
      if (!before) throw new CrmError(ErrorCode.NotFound, `customer ${dto.accountNo} not found`);
      const patch: Partial<CustomerEntity> = {};
      for (const f of EDITABLE) if (dto[f] !== undefined && dto[f] !== before[f]) (patch as Record<string, unknown>)[f] = dto[f];
      if (Object.keys(patch).length === 0) return (await this.shown(m, ctx, [toCustomerView(before)]))[0]!;
      const after = await this.customers.update(m, before.id, { ...patch, version: before.version + 1, updatedBy: employeeId });
      const changes = diffChanges(
        Object.fromEntries(EDITABLE.map((f) => [f, before[f]])),
        Object.fromEntries(EDITABLE.map((f) => [f, after[f]])),
      );
      await this.record(m, ctx, after.id, 'update', changes);
      await this.outbox.add(m, CUSTOMER_UPDATED_V1, { ...toCustomerView(after), changedFields: changes.map((c) => c.field) }, { caller: ctx.caller, employeeId });
      return (await this.shown(m, ctx, [toCustomerView(after)]))[0]!;
    });
  }

  async get(accountNo: string, ctx: CallContext): Promise<CustomerView> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.customers.findByAccountNo(accountNo, ctx.scope, m);
      if (!c) throw new CrmError(ErrorCode.NotFound, `customer ${accountNo} not found`);
      return (await this.shown(m, ctx, [toCustomerView(c)]))[0]!;
    });
  }

  async list(q: ListCustomersDto, ctx: CallContext): Promise<CustomerPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(CUSTOMER_LIST, q.cursor);
    return this.dataSource.transaction(async (m) => {
      const page = toPage(CUSTOMER_LIST, this.cursors, await this.customers.list(q, limit, position, ctx.scope, m), limit, toCustomerView);
      return { ...page, items: await this.shown(m, ctx, page.items) };
    });
  }

  /**
   * The views as this employee may see them. Personal fields shown unmasked are recorded in the
   * operation log in the read's own transaction — one entry per call naming the customers and the
   * fields, never the values — so no unmasked reply leaves without its log entry.
   */
  private async shown(m: EntityManager, ctx: CallContext, views: CustomerView[]): Promise<CustomerView[]> {
    const { items, revealed } = CUSTOMER_SENSITIVE.protect(views, ctx.permissions);
    if (revealed.ids.length) {
      const entityId = revealed.ids.length === 1 ? revealed.ids[0]! : `${revealed.ids.length} customers`;
      await this.record(m, ctx, entityId, 'read-unmasked', [
        { field: 'customerIds', old: null, new: revealed.ids },
        { field: 'fields', old: null, new: revealed.fields },
      ]);
    }
    return items;
  }

  private async record(m: EntityManager, ctx: CallContext, customerId: string, action: string, changes: OperationEvent['changes']): Promise<void> {
    await this.outbox.addOperation(m, {
      id: randomUUID(),
      at: new Date().toISOString(),
      service: 'sales',
      actorType: 'employee',
      actor: actingEmployee(ctx),
      entity: 'customer',
      entityId: customerId,
      action,
      changes,
      requestId: ctx.requestId,
    });
  }
}
