import { Module } from '@nestjs/common';
import { IndustryController } from './industry.controller.js';
import { IndustryRepository } from './industry.repository.js';
import { IndustryService } from './industry.service.js';

/** Marketing: GB/T 4754 industry reference data and industry profiles. */
@Module({
  controllers: [IndustryController],
  providers: [IndustryRepository, IndustryService],
})
export class IndustryModule {}
