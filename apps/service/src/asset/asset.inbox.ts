import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CONTRACT_ACTIVATED_V1, CONTRACT_EXPIRED_V1, CONTRACT_TERMINATED_V1, ContractEventDto } from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import { AssetService } from './asset.service.js';

/**
 * Sales contracts become assets and entitlements (queue `<ns>.service.in.assets`). `renewed.v1` is
 * not consumed: the renewed contract keeps its term, and its successor is a draft whose own
 * activation arrives as `activated.v1`.
 */
@Injectable()
export class AssetInbox {
  constructor(@Inject(AssetService) private readonly assets: AssetService) {}

  @InboxHandler(CONTRACT_ACTIVATED_V1, ContractEventDto)
  activated(event: InboxEvent<ContractEventDto>, m: EntityManager): Promise<void> {
    return this.assets.applyContract(m, event.data, 'activated');
  }

  @InboxHandler(CONTRACT_TERMINATED_V1, ContractEventDto)
  terminated(event: InboxEvent<ContractEventDto>, m: EntityManager): Promise<void> {
    return this.assets.applyContract(m, event.data, 'terminated');
  }

  @InboxHandler(CONTRACT_EXPIRED_V1, ContractEventDto)
  expired(event: InboxEvent<ContractEventDto>, m: EntityManager): Promise<void> {
    return this.assets.applyContract(m, event.data, 'expired');
  }
}
