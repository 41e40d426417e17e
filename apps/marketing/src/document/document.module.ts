import { Module } from '@nestjs/common';

/** Marketing: the shared collateral library. */
@Module({})
export class DocumentModule {}
