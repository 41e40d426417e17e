import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PARTNER_KINDS, PARTNER_REGION_CODE_RE, PARTNER_STATUSES, type PartnerKind, type PartnerStatus } from './partner.types.js';

export const PARTNER_LIST_V1 = 'sales.partner.list.v1';

/** Newest first, within the data scope; `regionCode`: partners covering that region. */
export class ListPartnersDto {
  @IsOptional()
  @IsIn(PARTNER_KINDS)
  kind?: PartnerKind;

  @IsOptional()
  @IsIn(PARTNER_STATUSES)
  status?: PartnerStatus;

  @IsOptional()
  @Matches(PARTNER_REGION_CODE_RE, { message: 'regionCode must be a 6-digit GB/T 2260 code, e.g. 440300' })
  regionCode?: string;

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
