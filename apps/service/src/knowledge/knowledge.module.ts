import { Module } from '@nestjs/common';

/** Service: the knowledge base and its search. */
@Module({})
export class KnowledgeModule {}
