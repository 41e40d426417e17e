import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';

/** What approve, reject and accept take: the quote, the version last read, and an optional reason. */
export class QuoteDecisionDto {
  @IsUUID()
  quoteId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
