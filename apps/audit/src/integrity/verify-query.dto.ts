import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { toInt } from '@crm/persistence';
import { CHAIN_LOGS, type ChainLog } from './chain-logs.js';

/** `GET /audit/integrity/verify?log=calls|operations[&from_seq=N]`. */
export class VerifyQueryDto {
  @IsIn(CHAIN_LOGS)
  log!: ChainLog;

  @ApiPropertyOptional({ description: 'start at this checkpointed row instead of the chain start' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : toInt({ value })))
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  from_seq?: number;
}
