import { Module } from '@nestjs/common';
import { CampaignModule } from '../campaign/campaign.module.js';
import { StrategyController } from './strategy.controller.js';
import { StrategyRepository } from './strategy.repository.js';
import { StrategyService } from './strategy.service.js';

/** Marketing: strategy and A/B variant evaluation over campaigns (reads the campaigns' figures). */
@Module({
  imports: [CampaignModule],
  controllers: [StrategyController],
  providers: [StrategyRepository, StrategyService],
})
export class StrategyModule {}
