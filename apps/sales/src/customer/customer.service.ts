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
  type UpdateCustomerDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import type { EntityManager } from 'typeorm';
import { CustomerEntity } from './customer.entity.js';
import { CUSTOMER_SENSITIVE, toCustomerView } from './customer.mapper.js';
import { CUSTOMER_LIST, CustomerRepository } from './customer.repository.js';

const EDITABLE = ['name', 'phone', 'email', 'segment'] as const;

/**
 * Customers. Each change records its operation-log entry and its business event in its own
 * transaction (ChangeRecorder), so both exist exactly when the change committed. Every read and
 * write sees only customers in the employee's data scope (others are 4040, as if missing), and every
 * reply passes through the view's field protection; an unmasked read is itself logged.
 */
@Injectable()
export class CustomerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(CustomerRepository) private readonly customers: CustomerRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateCustomerDto, ctx: CallContext): Promise<CustomerView> {
    const employeeId = actingEmployee(ctx);
    const id = randomUUID();
    try {
      return await this.dataSource.transaction(async (m) => {
        const created = toCustomerView(
          await this.customers.insert(m, {
            id,
            accountNo: dto.accountNo,
            name: dto.name.trim(),
            phone: dto.phone ?? null,
            email: dto.email ?? null,
            segment: dto.segment ?? 'consumer',
            ownerId: employeeId,
            createdBy: employeeId,
            updatedBy: employeeId,
          }),
        );
        const { customerId, version, createdAt, updatedAt, ...fields } = created;
        const event = { pattern: CUSTOMER_CREATED_V1, data: created } as const;
        await this.changes.record(m, ctx, {
          entity: 'customer',
          entityId: customerId,
          action: 'create',
          before: null,
          after: fields,
          event,
        });
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
      const event = { pattern: CUSTOMER_UPDATED_V1, data: { ...toCustomerView(after), changedFields: Object.keys(patch) } } as const;
      await this.changes.record(m, ctx, {
        entity: 'customer',
        entityId: after.id,
        action: 'update',
        before: pick(before),
        after: pick(after),
        event,
      });
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
      const after = { customerIds: revealed.ids, fields: revealed.fields };
      await this.changes.record(
        m,
        { ...ctx, employeeId: actingEmployee(ctx) },
        { entity: 'customer', entityId, action: 'read-unmasked', before: null, after },
      );
    }
    return items;
  }
}

function pick(c: CustomerEntity): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((f) => [f, c[f]]));
}
