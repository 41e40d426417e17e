import { Module, type DynamicModule } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { createPingController, RuntimeModule } from '@crm/runtime';

/** The marketing app: runs with the shared guard, call log and health; its domain features land here. */
@Module({})
export class MarketingModule {
  static register(config: CrmConfig): DynamicModule {
    return {
      module: MarketingModule,
      imports: [RuntimeModule.forApp({ app: 'marketing', config, entities: [], migrations: [] })],
      controllers: [createPingController('marketing')],
    };
  }
}
