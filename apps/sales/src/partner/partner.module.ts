import { Module } from '@nestjs/common';

/** Sales: channel partners and deal registrations. */
@Module({})
export class PartnerModule {}
