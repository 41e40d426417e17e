import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { ACCOUNT_SEGMENTS, type AccountSegment } from './account.types.js';

/**
 * What consumers may rely on in `sales.account.created.v1` and `sales.account.updated.v1` (besides
 * the envelope's `eventId` and `occurredAt`). The events carry more (the account view without
 * personal fields, `changedFields`); a consumer validates only what it uses and ignores the rest, so
 * sales may add fields without breaking anyone. `version` orders the changes of one account.
 */
export class AccountChangedEventDto {
  @IsUUID()
  accountId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  accountNo: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsIn(ACCOUNT_SEGMENTS)
  segment: AccountSegment;

  @IsInt()
  @Min(1)
  version: number;

  @IsISO8601({ strict: true })
  updatedAt: string;
}
