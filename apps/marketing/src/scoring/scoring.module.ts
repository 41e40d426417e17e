import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { RescoreRepository } from './rescore.repository.js';
import { RescoreWorker } from './rescore.worker.js';
import { RuleStampRepository } from './rule-stamp.repository.js';
import { ScoringRuleController } from './scoring-rule.controller.js';
import { ScoringRuleRepository } from './scoring-rule.repository.js';
import { ScoringRuleService } from './scoring-rule.service.js';
import { ScoringService } from './scoring.service.js';

/** Marketing: lead scoring rules and re-scoring. `ScoringService` and the rules' stamps are what the lead feature uses. */
@Module({
  imports: [OutboxModule],
  controllers: [ScoringRuleController],
  providers: [ScoringRuleRepository, RescoreRepository, RescoreWorker, ScoringRuleService, ScoringService, RuleStampRepository],
  exports: [ScoringService, RuleStampRepository],
})
export class ScoringModule {}
