import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** Addresses one lead. */
export class LeadRefDto {
  @IsUUID()
  leadId: string;
}

/** Addresses one lead as of a version: a change with a stale `version` is 4090. */
export class VersionedLeadRefDto extends LeadRefDto {
  @IsInt()
  @Min(1)
  version: number;
}

/**
 * `limit` (1–200, default 50) and `cursor` (the previous page's `nextCursor`, the persistence kit's
 * signed list cursor: only its alphabet and length are checked here, marketing verifies it).
 */
export class PageFieldsDto {
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
