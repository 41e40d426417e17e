import { Module, type DynamicModule } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { createPingController, RuntimeModule } from '@crm/runtime';
import { AccountDirectoryModule } from './account-directory/account-directory.module.js';
import { SERVICE_ENTITIES, SERVICE_MIGRATIONS } from './database/service.database.js';
import { WorkorderModule } from './workorder/workorder.module.js';

/** The service app: EOMS work orders and the sales account directory now; cases, knowledge base and entitlements later. */
@Module({})
export class ServiceModule {
  static register(config: CrmConfig): DynamicModule {
    return {
      module: ServiceModule,
      imports: [
        RuntimeModule.forApp({ app: 'service', config, entities: SERVICE_ENTITIES, migrations: SERVICE_MIGRATIONS }),
        AccountDirectoryModule,
        WorkorderModule,
      ],
      controllers: [createPingController('service')],
    };
  }
}
