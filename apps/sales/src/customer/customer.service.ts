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
  type OperationEvent,
  type UpdateCustomerDto,
} from '@crm/contracts';
import { diffChanges } from '@crm/messaging';
import { OutboxWriter } from '@crm/outbox';
import { isDuplicateKey } from '@crm/persistence';
import type { EntityManager } from 'typeorm';
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

/**
 * Customers. Each change writes its business event and its operation-log entry to the outbox in
 * the change's own transaction, so both exist exactly when the change committed.
 */
@Injectable()
export class CustomerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
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
        await this.record(m, actor, customerId, 'create', diffChanges(null, fields));
        await this.outbox.add(m, CUSTOMER_CREATED_V1, { ...created }, { caller: actor.caller, employeeId: actor.employeeId });
        return created;
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new CrmError(ErrorCode.Conflict, `customer ${dto.accountNo} exists`);
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
      const changes = diffChanges(
        Object.fromEntries(EDITABLE.map((f) => [f, before[f]])),
        Object.fromEntries(EDITABLE.map((f) => [f, after[f]])),
      );
      await this.record(m, actor, after.id, 'update', changes);
      await this.outbox.add(m, CUSTOMER_UPDATED_V1, { ...view(after), changedFields: changes.map((c) => c.field) }, { caller: actor.caller, employeeId: actor.employeeId });
      return view(after);
    });
  }

  async get(accountNo: string): Promise<CustomerView> {
    const c = await this.dataSource.getRepository(CustomerEntity).findOneBy({ accountNo });
    if (!c) throw new CrmError(ErrorCode.NotFound, `customer ${accountNo} not found`);
    return view(c);
  }

  private async record(m: EntityManager, actor: CustomerActor, customerId: string, action: string, changes: OperationEvent['changes']): Promise<void> {
    await this.outbox.addOperation(m, {
      id: randomUUID(),
      at: new Date().toISOString(),
      service: 'sales',
      actorType: 'employee',
      actor: actor.employeeId,
      entity: 'customer',
      entityId: customerId,
      action,
      changes,
      requestId: actor.requestId,
    });
  }
}
