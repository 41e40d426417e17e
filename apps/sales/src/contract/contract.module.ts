import { Module } from '@nestjs/common';

/** Sales: contracts. */
@Module({})
export class ContractModule {}
