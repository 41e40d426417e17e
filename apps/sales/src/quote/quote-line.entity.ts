import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConfigurationValue } from '@crm/contracts';

@Entity('quote_line')
export class QuoteLineEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'quote_id', type: 'char', length: 36 })
  quoteId: string;

  @Column({ name: 'line_no', type: 'int' })
  lineNo: number;

  @Column({ name: 'product_id', type: 'char', length: 36 })
  productId: string;

  @Column({ type: 'varchar', length: 64 })
  sku: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  quantity: number;

  @Column({ type: 'json' })
  configuration: Record<string, ConfigurationValue>;

  /** Exact (6 places). */
  @Column({ name: 'unit_price', type: 'decimal', precision: 20, scale: 6 })
  unitPrice: string;

  @Column({ name: 'list_amount', type: 'decimal', precision: 18, scale: 2 })
  listAmount: string;

  @Column({ name: 'discount_percent', type: 'decimal', precision: 5, scale: 2, nullable: true })
  discountPercent: string | null;

  @Column({ name: 'line_discount', type: 'decimal', precision: 18, scale: 2 })
  lineDiscount: string;

  @Column({ name: 'header_discount', type: 'decimal', precision: 18, scale: 2 })
  headerDiscount: string;

  /** After both discounts, before tax. */
  @Column({ name: 'net_amount', type: 'decimal', precision: 18, scale: 2 })
  netAmount: string;

  @Column({ name: 'tax_rate', type: 'decimal', precision: 7, scale: 4 })
  taxRate: string;

  @Column({ name: 'tax_amount', type: 'decimal', precision: 18, scale: 2 })
  taxAmount: string;

  @Column({ type: 'json' })
  breakdown: string[];

  @Column({ name: 'price_book_id', type: 'char', length: 36, nullable: true })
  priceBookId: string | null;

  @Column({ name: 'bundle_of', type: 'char', length: 36, nullable: true })
  bundleOf: string | null;
}
