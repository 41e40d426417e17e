import { Global, Module } from '@nestjs/common';
import { EntitlementLookup, type Entitlement } from './entitlement-lookup.js';

/** Placeholder until assets land: no account has an entitlement. */
class NoEntitlements extends EntitlementLookup {
  forAccount(): Promise<Entitlement | null> {
    return Promise.resolve(null);
  }
}

/** Service: assets and entitlements from sales contracts. */
@Global()
@Module({ providers: [{ provide: EntitlementLookup, useClass: NoEntitlements }], exports: [EntitlementLookup] })
export class AssetModule {}
