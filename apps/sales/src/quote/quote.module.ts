import { Module } from '@nestjs/common';

/** Sales: quotes. */
@Module({})
export class QuoteModule {}
