import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ASSET_GET_V1,
  ASSET_LIST_V1,
  CheckEntitlementDto,
  ENTITLEMENT_CHECK_V1,
  ENTITLEMENT_LIST_V1,
  GetAssetDto,
  ListAssetsDto,
  ListEntitlementsDto,
  type AssetPage,
  type AssetView,
  type EntitlementCheck,
  type EntitlementPage,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { AssetService } from './asset.service.js';

/** Staff read assets and check entitlements through a front end: its caller credentials plus their token. */
@Controller()
export class AssetController {
  constructor(@Inject(AssetService) private readonly assets: AssetService) {}

  @MessagePattern(ASSET_LIST_V1)
  @RequirePermission('asset.read')
  list(@Payload('payload') dto: ListAssetsDto, @CallContext() ctx: CallContext): Promise<AssetPage> {
    return this.assets.listAssets(dto, ctx);
  }

  @MessagePattern(ASSET_GET_V1)
  @RequirePermission('asset.read')
  get(@Payload('payload') dto: GetAssetDto, @CallContext() ctx: CallContext): Promise<AssetView> {
    return this.assets.getAsset(dto.assetId, ctx);
  }

  @MessagePattern(ENTITLEMENT_CHECK_V1)
  @RequirePermission('asset.read')
  check(@Payload('payload') dto: CheckEntitlementDto, @CallContext() ctx: CallContext): Promise<EntitlementCheck> {
    return this.assets.check(dto, ctx);
  }

  @MessagePattern(ENTITLEMENT_LIST_V1)
  @RequirePermission('asset.read')
  entitlements(@Payload('payload') dto: ListEntitlementsDto, @CallContext() ctx: CallContext): Promise<EntitlementPage> {
    return this.assets.listEntitlements(dto, ctx);
  }
}
