import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ArticleVersionState, KnowledgeLanguage } from '@crm/contracts';

/** An article: the head of its versions, with the newest version's state and labels for lists. */
@Entity('knowledge_article')
export class ArticleEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** The employee who created the article: the owner for data scopes. */
  @Column({ name: 'owner_id', type: 'varchar', length: 64 })
  ownerId: string;

  @Column({ type: 'varchar', length: 16 })
  state: ArticleVersionState;

  /** The newest version's title (lists show it). */
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 64 })
  category: string;

  @Column({ type: 'simple-json' })
  tags: string[];

  @Column({ type: 'varchar', length: 2 })
  language: KnowledgeLanguage;

  @Column({ name: 'published_version_no', type: 'int', nullable: true })
  publishedVersionNo: number | null;

  @Column({ name: 'working_version_no', type: 'int', nullable: true })
  workingVersionNo: number | null;

  @Column({ name: 'last_version_no', type: 'int' })
  lastVersionNo: number;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
