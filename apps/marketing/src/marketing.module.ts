import { Module, type DynamicModule } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { OUTBOX_ENTITIES, OUTBOX_MIGRATIONS } from '@crm/outbox';
import { createPingController, RuntimeModule } from '@crm/runtime';
import { MARKETING_CONFIG, type MarketingConfig } from './marketing.config.js';
import { LeadModule } from './lead/lead.module.js';
import { LEAD_SCHEMA } from './lead/lead.schema.js';
import { ScoringModule } from './scoring/scoring.module.js';
import { SCORING_SCHEMA } from './scoring/scoring.schema.js';
import { AssignmentModule } from './assignment/assignment.module.js';
import { ASSIGNMENT_SCHEMA } from './assignment/assignment.schema.js';
import { CampaignModule } from './campaign/campaign.module.js';
import { CAMPAIGN_SCHEMA } from './campaign/campaign.schema.js';
import { SalesFeedModule } from './sales-feed/sales-feed.module.js';
import { SALES_FEED_SCHEMA } from './sales-feed/sales-feed.schema.js';
import { PlanModule } from './plan/plan.module.js';
import { PLAN_SCHEMA } from './plan/plan.schema.js';
import { StrategyModule } from './strategy/strategy.module.js';
import { STRATEGY_SCHEMA } from './strategy/strategy.schema.js';
import { CompetitorModule } from './competitor/competitor.module.js';
import { COMPETITOR_SCHEMA } from './competitor/competitor.schema.js';
import { IndustryModule } from './industry/industry.module.js';
import { INDUSTRY_SCHEMA } from './industry/industry.schema.js';
import { DocumentModule } from './document/document.module.js';
import { DOCUMENT_SCHEMA } from './document/document.schema.js';

/** Every feature's tables; TypeORM runs the migrations in the order of their timestamps. */
const FEATURES = [
  LEAD_SCHEMA,
  SCORING_SCHEMA,
  ASSIGNMENT_SCHEMA,
  CAMPAIGN_SCHEMA,
  SALES_FEED_SCHEMA,
  PLAN_SCHEMA,
  STRATEGY_SCHEMA,
  COMPETITOR_SCHEMA,
  INDUSTRY_SCHEMA,
  DOCUMENT_SCHEMA,
];

/** The marketing app (SPEC §6.1): one module per feature folder. */
@Module({})
export class MarketingModule {
  static register(config: CrmConfig, marketing: MarketingConfig): DynamicModule {
    return {
      module: MarketingModule,
      imports: [
        RuntimeModule.forApp({
          app: 'marketing',
          config,
          appConfig: { token: MARKETING_CONFIG, value: marketing },
          entities: [...OUTBOX_ENTITIES, ...FEATURES.flatMap((f) => f.entities)],
          migrations: [...OUTBOX_MIGRATIONS, ...FEATURES.flatMap((f) => f.migrations)],
        }),
        LeadModule,
        ScoringModule,
        AssignmentModule,
        CampaignModule,
        SalesFeedModule,
        PlanModule,
        StrategyModule,
        CompetitorModule,
        IndustryModule,
        DocumentModule,
      ],
      controllers: [createPingController('marketing')],
    };
  }
}
