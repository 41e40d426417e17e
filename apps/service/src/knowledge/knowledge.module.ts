import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { KnowledgeSearchRepository } from './knowledge-search.repository.js';
import { KnowledgeSearchService } from './knowledge-search.service.js';
import { KnowledgeController } from './knowledge.controller.js';
import { KnowledgeRepository } from './knowledge.repository.js';
import { KnowledgeService } from './knowledge.service.js';

/** Service: the knowledge base and its search (docs/service/knowledge.md). */
@Module({
  imports: [OutboxModule],
  controllers: [KnowledgeController],
  providers: [KnowledgeRepository, KnowledgeSearchRepository, KnowledgeService, KnowledgeSearchService],
})
export class KnowledgeModule {}
