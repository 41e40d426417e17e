import { Module } from '@nestjs/common';

/** Marketing: GB/T 4754 industry reference data and industry profiles. */
@Module({})
export class IndustryModule {}
