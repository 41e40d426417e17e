import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { QuoteStatus } from '@crm/contracts';

/** Money columns are DECIMAL: the driver gives strings, never floats. */
@Entity('quote')
export class QuoteEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'opportunity_id', type: 'char', length: 36 })
  opportunityId: string;

  @Column({ name: 'account_id', type: 'char', length: 36 })
  accountId: string;

  @Column({ name: 'quote_no', type: 'varchar', length: 32 })
  quoteNo: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'varchar', length: 16 })
  status: QuoteStatus;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** The pricing context: the opportunity's channel and the account's segment when it was priced. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  channel: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  segment: string | null;

  @Column({ type: 'decimal', precision: 18, scale: 2 })
  subtotal: string;

  @Column({ name: 'header_discount_percent', type: 'decimal', precision: 5, scale: 2, nullable: true })
  headerDiscountPercent: string | null;

  @Column({ name: 'header_discount_amount', type: 'decimal', precision: 18, scale: 2 })
  headerDiscountAmount: string;

  @Column({ name: 'discount_total', type: 'decimal', precision: 18, scale: 2 })
  discountTotal: string;

  @Column({ name: 'net_total', type: 'decimal', precision: 18, scale: 2 })
  netTotal: string;

  @Column({ name: 'tax_total', type: 'decimal', precision: 18, scale: 2 })
  taxTotal: string;

  @Column({ type: 'decimal', precision: 18, scale: 2 })
  total: string;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'valid_until', type: 'date' })
  validUntil: string;

  @Column({ type: 'text', nullable: true })
  terms: string | null;

  @Column({ name: 'author_id', type: 'varchar', length: 64 })
  authorId: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 64, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  @Column({ name: 'previous_quote_id', type: 'char', length: 36, nullable: true })
  previousQuoteId: string | null;

  @Column({ name: 'priced_at', type: 'datetime', precision: 3 })
  pricedAt: Date;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
