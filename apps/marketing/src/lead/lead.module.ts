import { Module } from '@nestjs/common';

/** Marketing: leads: capture, dedupe, merge, status, conversion. */
@Module({})
export class LeadModule {}
