import { Module } from '@nestjs/common';
import type { CrmConfig } from '@crm/config';
import { CRM_CONFIG } from '@crm/runtime';
import { OutboxModule } from '@crm/outbox';
import { OperatorAuthModule } from '../operator-auth/operator-auth.module.js';
import { ChainAnchorer } from './chain-anchorer.js';
import { ChainKeyring } from './chain-crypto.js';
import { ChainWriter } from './chain-writer.js';
import { IntegrityController } from './integrity.controller.js';
import { IntegrityService } from './integrity.service.js';

/** The logs' hash chain: chained writes for the ingest, anchors outside the database, verify for operators (SPEC §4.3). */
@Module({
  imports: [OperatorAuthModule, OutboxModule],
  controllers: [IntegrityController],
  providers: [
    { provide: ChainKeyring, useFactory: (config: CrmConfig) => new ChainKeyring(config.masterKeys), inject: [CRM_CONFIG] },
    ChainWriter,
    ChainAnchorer,
    IntegrityService,
  ],
  exports: [ChainKeyring, ChainWriter, IntegrityService],
})
export class IntegrityModule {}
