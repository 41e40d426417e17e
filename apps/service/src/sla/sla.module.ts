import { Module } from '@nestjs/common';

/** Service: business calendars, SLA policies and the SLA clock. */
@Module({})
export class SlaModule {}
