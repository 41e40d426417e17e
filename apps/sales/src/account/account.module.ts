import { Module } from '@nestjs/common';

/** Sales: accounts and contacts. */
@Module({})
export class AccountModule {}
