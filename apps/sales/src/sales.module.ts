import { Module, type DynamicModule } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { createPingController, RuntimeModule } from '@crm/runtime';

/** The sales app: runs with the shared guard, call log and health; its domain features land here. */
@Module({})
export class SalesModule {
  static register(config: CrmConfig): DynamicModule {
    return {
      module: SalesModule,
      imports: [RuntimeModule.forApp({ app: 'sales', config, entities: [], migrations: [] })],
      controllers: [createPingController('sales')],
    };
  }
}
