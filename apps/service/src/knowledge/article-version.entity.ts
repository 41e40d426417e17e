import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ArticleVersionState, KnowledgeLanguage } from '@crm/contracts';

/** One version of an article; only a draft is edited, a published one is replaced by a newer version. */
@Entity('knowledge_article_version')
export class ArticleVersionEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'article_id', type: 'char', length: 36 })
  articleId: string;

  @Column({ name: 'version_no', type: 'int' })
  versionNo: number;

  @Column({ type: 'varchar', length: 16 })
  state: ArticleVersionState;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'mediumtext' })
  body: string;

  @Column({ type: 'varchar', length: 64 })
  category: string;

  @Column({ type: 'simple-json' })
  tags: string[];

  @Column({ type: 'varchar', length: 2 })
  language: KnowledgeLanguage;

  @Column({ name: 'author_id', type: 'varchar', length: 64 })
  authorId: string;

  /** Everyone who wrote any of this version (the author first). */
  @Column({ type: 'simple-json' })
  contributors: string[];

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'approved_by', type: 'varchar', length: 64, nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'datetime', precision: 3, nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'published_by', type: 'varchar', length: 64, nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
