import { Module } from '@nestjs/common';

/** Marketing: campaigns, action plans, members and segments, ROI. */
@Module({})
export class CampaignModule {}
