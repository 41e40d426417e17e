import { IsInt, IsIn, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsContractDate } from '../../sales/contract/contract.types.js';
import { ASSET_STATUSES, type AssetStatus } from './asset.types.js';

export const ENTITLEMENT_LIST_V1 = 'service.entitlement.list.v1';

/** Newest first. `validOn`: entitlements whose validity covers that UTC day. */
export class ListEntitlementsDto {
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsUUID()
  contractId?: string;

  @IsOptional()
  @IsIn(ASSET_STATUSES)
  status?: AssetStatus;

  @IsOptional()
  @IsContractDate()
  validOn?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}
