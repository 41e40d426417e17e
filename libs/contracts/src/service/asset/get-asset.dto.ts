import { IsUUID } from 'class-validator';

export const ASSET_GET_V1 = 'service.asset.get.v1';

export class GetAssetDto {
  @IsUUID('4')
  assetId: string;
}
