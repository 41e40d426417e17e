import { Module } from '@nestjs/common';

/** Service: assets and entitlements from sales contracts. */
@Module({})
export class AssetModule {}
