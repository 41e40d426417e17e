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
  type CustomerView,
  type UpdateCustomerDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { CustomerEntity } from './customer.entity.js';

/** Who changes a customer: the front end (caller) and the employee behind it. */
export interface CustomerActor {
  caller: string;
  employeeId: string;
  requestId: string | null;
}

const EDITABLE = ['name', 'phone', 'email', 'segment'] as const;

function view(c: CustomerEntity): CustomerView {
  return {
    customerId: c.id,
    accountNo: c.accountNo,
    name: c.name,
    phone: c.phone,
    email: c.email,
    segment: c.segment,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Customers. Each change records its operation-log entry and its business event in its own transaction. */
@Injectable()
export class CustomerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
  ) {}

  async create(dto: CreateCustomerDto, actor: CustomerActor): Promise<CustomerView> {
    const id = randomUUID();
    try {
      return await this.dataSource.transaction(async (m) => {
        const repo = m.getRepository(CustomerEntity);
        await repo.insert({
          id,
          accountNo: dto.accountNo,
          name: dto.name.trim(),
          phone: dto.phone ?? null,
          email: dto.email ?? null,
          segment: dto.segment ?? 'consumer',
          createdBy: actor.employeeId,
          updatedBy: actor.employeeId,
        });
        const created = view(await repo.findOneByOrFail({ id }));
        const { customerId, version, createdAt, updatedAt, ...fields } = created;
        const event = { pattern: CUSTOMER_CREATED_V1, data: { ...created } };
        await this.changes.record(m, actor, { entity: 'customer', entityId: customerId, action: 'create', before: null, after: fields, event });
        return created;
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'ER_DUP_ENTRY') throw new CrmError(ErrorCode.Conflict, `customer ${dto.accountNo} exists`);
      throw err;
    }
  }

  async update(dto: UpdateCustomerDto, actor: CustomerActor): Promise<CustomerView> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(CustomerEntity);
      const before = await repo.findOne({ where: { accountNo: dto.accountNo }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new CrmError(ErrorCode.NotFound, `customer ${dto.accountNo} not found`);
      const patch: Partial<CustomerEntity> = {};
      for (const f of EDITABLE) if (dto[f] !== undefined && dto[f] !== before[f]) (patch as Record<string, unknown>)[f] = dto[f];
      if (Object.keys(patch).length === 0) return view(before);
      await repo.update({ id: before.id }, { ...patch, version: before.version + 1, updatedBy: actor.employeeId });
      const after = await repo.findOneByOrFail({ id: before.id });
      const event = { pattern: CUSTOMER_UPDATED_V1, data: { ...view(after), changedFields: Object.keys(patch) } };
      await this.changes.record(m, actor, { entity: 'customer', entityId: after.id, action: 'update', before: pick(before), after: pick(after), event });
      return view(after);
    });
  }

  async get(accountNo: string): Promise<CustomerView> {
    const c = await this.dataSource.getRepository(CustomerEntity).findOneBy({ accountNo });
    if (!c) throw new CrmError(ErrorCode.NotFound, `customer ${accountNo} not found`);
    return view(c);
  }
}

function pick(c: CustomerEntity): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((f) => [f, c[f]]));
}
