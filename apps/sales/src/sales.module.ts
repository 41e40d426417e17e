import { Module, type DynamicModule } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { OUTBOX_ENTITIES, OUTBOX_MIGRATIONS } from '@crm/outbox';
import { createPingController, RuntimeModule } from '@crm/runtime';
import { CustomerEntity } from './customer/customer.entity.js';
import { CustomerOwner1763881520000 } from './customer/1763881520000-customer-owner.migration.js';
import { CustomerModule } from './customer/customer.module.js';
import { Customer1763880800000 } from './customer/1763880800000-customer.migration.js';

/** The sales app: customers so far; the rest of its domain (SPEC §1) lands here. */
@Module({})
export class SalesModule {
  static register(config: CrmConfig): DynamicModule {
    return {
      module: SalesModule,
      imports: [
        RuntimeModule.forApp({
          app: 'sales',
          config,
          entities: [CustomerEntity, ...OUTBOX_ENTITIES],
          migrations: [Customer1763880800000, ...OUTBOX_MIGRATIONS, CustomerOwner1763881520000],
        }),
        CustomerModule,
      ],
      controllers: [createPingController('sales')],
    };
  }
}
