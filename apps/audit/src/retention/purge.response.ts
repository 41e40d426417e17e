import { ApiProperty } from '@nestjs/swagger';
import { CHAIN_LOGS, type ChainLog } from '../integrity/chain-logs.js';
import type { PurgeResult } from './purge.service.js';

export class PurgeCheckpointResponse {
  @ApiProperty()
  seq: number;
}

export class PurgeResponse implements PurgeResult {
  @ApiProperty({ enum: CHAIN_LOGS })
  log: ChainLog;
  @ApiProperty({ format: 'date-time' })
  before: string;
  @ApiProperty({ description: 'rows deleted' })
  rows: number;
  @ApiProperty({ description: 'rows no completed backup held were deleted' })
  forced: boolean;
  @ApiProperty({
    type: PurgeCheckpointResponse,
    nullable: true,
    description: 'the checkpoint the rest of the chain verifies from; null when nothing was deleted',
  })
  checkpoint: PurgeCheckpointResponse | null;
}
