import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ApproveArticleDto,
  ArchiveArticleDto,
  CASE_SUGGEST_ARTICLES_V1,
  CreateArticleDto,
  GetArticleDto,
  KNOWLEDGE_APPROVE_V1,
  KNOWLEDGE_ARCHIVE_V1,
  KNOWLEDGE_CREATE_V1,
  KNOWLEDGE_GET_V1,
  KNOWLEDGE_LIST_V1,
  KNOWLEDGE_PUBLISH_V1,
  KNOWLEDGE_SEARCH_V1,
  KNOWLEDGE_SUBMIT_V1,
  KNOWLEDGE_UPDATE_V1,
  ListArticlesDto,
  PublishArticleDto,
  SearchArticlesDto,
  SubmitArticleDto,
  SuggestArticlesDto,
  UpdateArticleDto,
  type ArticlePage,
  type ArticleSearchResult,
  type ArticleSuggestions,
  type ArticleView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { KnowledgeSearchService } from './knowledge-search.service.js';
import { KnowledgeService } from './knowledge.service.js';

/** Knowledge articles, their search, and article suggestions for a case. */
@Controller()
export class KnowledgeController {
  constructor(
    @Inject(KnowledgeService) private readonly articles: KnowledgeService,
    @Inject(KnowledgeSearchService) private readonly searches: KnowledgeSearchService,
  ) {}

  @MessagePattern(KNOWLEDGE_CREATE_V1)
  @RequirePermission('knowledge.write')
  create(@Payload('payload') dto: CreateArticleDto, @CallContext() ctx: CallContext): Promise<ArticleView> {
    return this.articles.create(dto, ctx);
  }

  @MessagePattern(KNOWLEDGE_UPDATE_V1)
  @RequirePermission('knowledge.write')
  update(@Payload('payload') dto: UpdateArticleDto, @CallContext() ctx: CallContext): Promise<ArticleView> {
    return this.articles.update(dto, ctx);
  }

  @MessagePattern(KNOWLEDGE_SUBMIT_V1)
  @RequirePermission('knowledge.write')
  submit(@Payload('payload') dto: SubmitArticleDto, @CallContext() ctx: CallContext): Promise<ArticleView> {
    return this.articles.submit(dto, ctx);
  }

  @MessagePattern(KNOWLEDGE_APPROVE_V1)
  @RequirePermission('knowledge.publish')
  approve(@Payload('payload') dto: ApproveArticleDto, @CallContext() ctx: CallContext): Promise<ArticleView> {
    return this.articles.approve(dto, ctx);
  }

  @MessagePattern(KNOWLEDGE_PUBLISH_V1)
  @RequirePermission('knowledge.publish')
  publish(@Payload('payload') dto: PublishArticleDto, @CallContext() ctx: CallContext): Promise<ArticleView> {
    return this.articles.publish(dto, ctx);
  }

  @MessagePattern(KNOWLEDGE_ARCHIVE_V1)
  @RequirePermission('knowledge.publish')
  archive(@Payload('payload') dto: ArchiveArticleDto, @CallContext() ctx: CallContext): Promise<ArticleView> {
    return this.articles.archive(dto, ctx);
  }

  @MessagePattern(KNOWLEDGE_GET_V1)
  @RequirePermission('knowledge.read')
  get(@Payload('payload') dto: GetArticleDto, @CallContext() ctx: CallContext): Promise<ArticleView> {
    return this.articles.get(dto.articleId, ctx);
  }

  @MessagePattern(KNOWLEDGE_LIST_V1)
  @RequirePermission('knowledge.read')
  list(@Payload('payload') dto: ListArticlesDto, @CallContext() ctx: CallContext): Promise<ArticlePage> {
    return this.articles.list(dto, ctx);
  }

  @MessagePattern(KNOWLEDGE_SEARCH_V1)
  @RequirePermission('knowledge.read')
  search(@Payload('payload') dto: SearchArticlesDto, @CallContext() ctx: CallContext): Promise<ArticleSearchResult> {
    return this.searches.search(dto, ctx);
  }

  @MessagePattern(CASE_SUGGEST_ARTICLES_V1)
  @RequirePermission('case.read')
  suggest(@Payload('payload') dto: SuggestArticlesDto, @CallContext() ctx: CallContext): Promise<ArticleSuggestions> {
    return this.searches.suggest(dto, ctx);
  }
}
