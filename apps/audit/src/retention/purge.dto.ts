import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { IsTimestamp } from '@crm/persistence';
import { CHAIN_LOGS, type ChainLog } from '../integrity/chain-logs.js';

/** `POST /audit/purge` body. */
export class PurgeDto {
  @IsIn(CHAIN_LOGS)
  log!: ChainLog;

  /** ISO-8601 with a zone: rows stamped before this go. */
  @ApiProperty({ description: 'ISO-8601 with a zone: rows stamped before this go' })
  @IsString()
  @IsTimestamp()
  before!: string;

  /** Delete even rows no completed backup holds. */
  @ApiPropertyOptional({ description: 'delete even rows no completed backup holds' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
