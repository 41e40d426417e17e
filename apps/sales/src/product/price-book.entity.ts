import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PriceBookAdder, PriceBookChannel, TierTable } from '@crm/contracts';

@Entity('price_book')
export class PriceBookEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel: PriceBookChannel | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  segment: string | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** Valid over [validFrom, validTo); validTo null: open-ended. */
  @Column({ name: 'valid_from', type: 'datetime', precision: 3 })
  validFrom: Date;

  @Column({ name: 'valid_to', type: 'datetime', precision: 3, nullable: true })
  validTo: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** A price book's prices for one product. */
@Entity('price_book_entry')
export class PriceBookEntryEntity {
  @PrimaryColumn({ name: 'price_book_id', type: 'char', length: 36 })
  priceBookId: string;

  @PrimaryColumn({ name: 'product_id', type: 'char', length: 36 })
  productId: string;

  /** DECIMAL(20,6) as mysql2 answers it (a string). */
  @Column({ name: 'base_price', type: 'decimal', precision: 20, scale: 6, nullable: true })
  basePrice: string | null;

  @Column({ type: 'json', nullable: true })
  adders: PriceBookAdder[] | null;

  @Column({ type: 'json', nullable: true })
  tiers: TierTable | null;
}
