import { Module } from '@nestjs/common';

/** Marketing: what marketing keeps of sales' events (opportunities, accounts) for ROI, plans and analysis. */
@Module({})
export class SalesFeedModule {}
