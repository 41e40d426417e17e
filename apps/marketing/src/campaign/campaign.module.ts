import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { CampaignMemberRepository } from './campaign-member.repository.js';
import { CampaignMemberService } from './campaign-member.service.js';
import { CampaignStepRepository } from './campaign-step.repository.js';
import { CampaignStepService } from './campaign-step.service.js';
import { CampaignController } from './campaign.controller.js';
import { CampaignRepository } from './campaign.repository.js';
import { CampaignService } from './campaign.service.js';

/** Marketing: campaigns, action plans, members and segments, ROI. */
@Module({
  imports: [OutboxModule],
  controllers: [CampaignController],
  providers: [
    CampaignRepository,
    CampaignStepRepository,
    CampaignMemberRepository,
    CampaignService,
    CampaignStepService,
    CampaignMemberService,
  ],
  exports: [CampaignRepository],
})
export class CampaignModule {}
