import { Module } from '@nestjs/common';

/** Service: EOMS work orders as cases. */
@Module({})
export class WorkorderCaseModule {}
