import { Module, type DynamicModule } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { OUTBOX_ENTITIES, OUTBOX_MIGRATIONS } from '@crm/outbox';
import { createPingController, RuntimeModule } from '@crm/runtime';
import { SALES_CONFIG, type SalesConfig } from './sales.config.js';
import { AccountModule } from './account/account.module.js';
import { ACCOUNT_SCHEMA } from './account/account.schema.js';
import { ProductModule } from './product/product.module.js';
import { PRODUCT_SCHEMA } from './product/product.schema.js';
import { OpportunityModule } from './opportunity/opportunity.module.js';
import { OPPORTUNITY_SCHEMA } from './opportunity/opportunity.schema.js';
import { QuoteModule } from './quote/quote.module.js';
import { QUOTE_SCHEMA } from './quote/quote.schema.js';
import { ContractModule } from './contract/contract.module.js';
import { CONTRACT_SCHEMA } from './contract/contract.schema.js';
import { PartnerModule } from './partner/partner.module.js';
import { PARTNER_SCHEMA } from './partner/partner.schema.js';
import { TeamModule } from './team/team.module.js';
import { TEAM_SCHEMA } from './team/team.schema.js';
import { TerritoryModule } from './territory/territory.module.js';
import { TERRITORY_SCHEMA } from './territory/territory.schema.js';
import { QuotaModule } from './quota/quota.module.js';
import { QUOTA_SCHEMA } from './quota/quota.schema.js';
import { AnalysisModule } from './analysis/analysis.module.js';
import { ANALYSIS_SCHEMA } from './analysis/analysis.schema.js';
import { LeadConversionModule } from './lead-conversion/lead-conversion.module.js';
import { LEAD_CONVERSION_SCHEMA } from './lead-conversion/lead-conversion.schema.js';

/** Every feature's tables; TypeORM runs the migrations in the order of their timestamps. */
const FEATURES = [
  ACCOUNT_SCHEMA,
  PRODUCT_SCHEMA,
  OPPORTUNITY_SCHEMA,
  QUOTE_SCHEMA,
  CONTRACT_SCHEMA,
  PARTNER_SCHEMA,
  TEAM_SCHEMA,
  TERRITORY_SCHEMA,
  QUOTA_SCHEMA,
  ANALYSIS_SCHEMA,
  LEAD_CONVERSION_SCHEMA,
];

/** The sales app (SPEC §6.2): one module per feature folder. */
@Module({})
export class SalesModule {
  static register(config: CrmConfig, sales: SalesConfig): DynamicModule {
    return {
      module: SalesModule,
      imports: [
        RuntimeModule.forApp({
          app: 'sales',
          config,
          appConfig: { token: SALES_CONFIG, value: sales },
          entities: [...OUTBOX_ENTITIES, ...FEATURES.flatMap((f) => f.entities)],
          migrations: [...OUTBOX_MIGRATIONS, ...FEATURES.flatMap((f) => f.migrations)],
        }),
        AccountModule,
        ProductModule,
        OpportunityModule,
        QuoteModule,
        ContractModule,
        PartnerModule,
        TeamModule,
        TerritoryModule,
        QuotaModule,
        AnalysisModule,
        LeadConversionModule,
      ],
      controllers: [createPingController('sales')],
    };
  }
}
