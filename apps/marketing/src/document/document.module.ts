import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { DocumentController } from './document.controller.js';
import { DocumentRepository } from './document.repository.js';
import { DocumentService } from './document.service.js';

/** Marketing: the shared collateral library. */
@Module({
  imports: [OutboxModule],
  controllers: [DocumentController],
  providers: [DocumentRepository, DocumentService],
})
export class DocumentModule {}
