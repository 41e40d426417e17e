import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InboxModule } from '@crm/inbox';
import { OutboxModule } from '@crm/outbox';
import { AssetController } from './asset.controller.js';
import { AssetInbox } from './asset.inbox.js';
import { AssetRepository } from './asset.repository.js';
import { AssetService } from './asset.service.js';
import { EntitlementLookup, type Entitlement } from './entitlement-lookup.js';

/** The entitlement valid for the account on `at`'s UTC day; the highest tier when several are. */
@Injectable()
export class ContractEntitlementLookup extends EntitlementLookup {
  constructor(@Inject(AssetService) private readonly assets: AssetService) {
    super();
  }

  forAccount(m: EntityManager, accountId: string, at: Date): Promise<Entitlement | null> {
    return this.assets.forAccount(m, accountId, at);
  }
}

/** Service: assets and entitlements from sales contracts (inbox purpose `assets`). */
@Global()
@Module({
  imports: [OutboxModule, InboxModule.forFeature({ purpose: 'assets', handlers: [AssetInbox] })],
  controllers: [AssetController],
  providers: [AssetRepository, AssetService, AssetInbox, { provide: EntitlementLookup, useClass: ContractEntitlementLookup }],
  exports: [EntitlementLookup, AssetRepository],
})
export class AssetModule {}
