import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsLaterThan, IsTimestamp } from '@crm/persistence';
import { CHAIN_LOGS, type ChainLog } from '../integrity/chain-logs.js';

/** `POST /audit/backups` body: back up a log's rows stamped in [from, to) now (both optional). */
export class RunBackupDto {
  @IsIn(CHAIN_LOGS)
  log!: ChainLog;

  @IsOptional()
  @IsString()
  @IsTimestamp()
  from?: string;

  @IsOptional()
  @IsString()
  @IsTimestamp()
  @IsLaterThan('from')
  to?: string;
}

/** `GET /audit/backups` query. */
export class ListBackupsDto {
  @IsOptional()
  @IsIn(CHAIN_LOGS)
  log?: ChainLog;
}
