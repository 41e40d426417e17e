import { IsUUID } from 'class-validator';

export const KNOWLEDGE_GET_V1 = 'service.knowledge.get.v1';

export class GetArticleDto {
  @IsUUID(4)
  articleId: string;
}
