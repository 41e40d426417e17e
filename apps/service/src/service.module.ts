import { Module, type DynamicModule } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { createPingController, RuntimeModule } from '@crm/runtime';
import { AccountDirectoryModule } from './account-directory/account-directory.module.js';
import { SERVICE_ENTITIES, SERVICE_MIGRATIONS } from './database/service.database.js';
import { SERVICE_CONFIG, type ServiceConfig } from './service.config.js';
import { WorkorderModule } from './workorder/workorder.module.js';
import { CaseModule } from './case/case.module.js';
import { QueueModule } from './queue/queue.module.js';
import { SlaModule } from './sla/sla.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';
import { WorkorderCaseModule } from './workorder-case/workorder-case.module.js';
import { KnowledgeModule } from './knowledge/knowledge.module.js';
import { AssetModule } from './asset/asset.module.js';
import { RecommendationModule } from './recommendation/recommendation.module.js';
import { ReferenceStampsModule } from './reference/reference-stamps.js';

/** The service app (SPEC §6.3): EOMS work orders, the sales account directory, and one module per feature folder. */
@Module({})
export class ServiceModule {
  static register(config: CrmConfig, service: ServiceConfig): DynamicModule {
    return {
      module: ServiceModule,
      imports: [
        RuntimeModule.forApp({
          app: 'service',
          config,
          appConfig: { token: SERVICE_CONFIG, value: service },
          entities: SERVICE_ENTITIES,
          migrations: SERVICE_MIGRATIONS,
        }),
        ReferenceStampsModule,
        AccountDirectoryModule,
        WorkorderModule,
        CaseModule,
        QueueModule,
        SlaModule,
        WorkflowModule,
        WorkorderCaseModule,
        KnowledgeModule,
        AssetModule,
        RecommendationModule,
      ],
      controllers: [createPingController('service')],
    };
  }
}
