import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AttributeDef, BundleDef, OptionDef, PricingDef, ProductKind, ProductUnit, RuleDef } from '@crm/contracts';

@Entity('product')
export class ProductEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  sku: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  family: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: ProductKind;

  @Column({ type: 'varchar', length: 16 })
  unit: ProductUnit;

  /** DECIMAL(5,4): mysql2 answers a string such as "0.0600". */
  @Column({ name: 'tax_rate', type: 'decimal', precision: 5, scale: 4 })
  taxRate: string;

  @Column({ type: 'char', length: 3, default: 'CNY' })
  currency: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'json' })
  options: OptionDef[];

  @Column({ type: 'json' })
  attributes: AttributeDef[];

  @Column({ type: 'json' })
  rules: RuleDef[];

  @Column({ type: 'json', nullable: true })
  pricing: PricingDef | null;

  @Column({ type: 'json', nullable: true })
  bundle: BundleDef | null;

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
