import { Module } from '@nestjs/common';

/** Service: cases and complaints: state machine, history, merge, master/child. */
@Module({})
export class CaseModule {}
