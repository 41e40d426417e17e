import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DealRegistrationProduct, DealRegistrationStatus, PartnerKind, PartnerStatus, PartnerTier } from '@crm/contracts';

@Entity('partner')
export class PartnerEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: PartnerKind;

  @Column({ name: 'region_codes', type: 'json' })
  regionCodes: string[];

  @Column({ type: 'varchar', length: 16 })
  tier: PartnerTier;

  @Column({ type: 'varchar', length: 16 })
  status: PartnerStatus;

  /** The partner system's caller name in auth: who its deal registrations come from. */
  @Column({ name: 'caller_name', type: 'varchar', length: 64 })
  callerName: string;

  /** The channel manager: what `own`/`team` data scopes match. */
  @Column({ name: 'owner_id', type: 'varchar', length: 64 })
  ownerId: string;

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

@Entity('deal_registration')
export class DealRegistrationEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'partner_id', type: 'char', length: 36 })
  partnerId: string;

  @Column({ name: 'partner_ref', type: 'varchar', length: 64, nullable: true })
  partnerRef: string | null;

  @Column({ name: 'account_name', type: 'varchar', length: 200 })
  accountName: string;

  /** `normalizeAccountName(accountName)`: what registrations are matched on. */
  @Column({ name: 'normalized_name', type: 'varchar', length: 200 })
  normalizedName: string;

  @Column({ name: 'registration_no', type: 'varchar', length: 64, nullable: true })
  registrationNo: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 12, nullable: true })
  regionCode: string | null;

  @Column({ name: 'opportunity_name', type: 'varchar', length: 200 })
  opportunityName: string;

  @Column({ type: 'decimal', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'expected_close_date', type: 'date' })
  expectedCloseDate: string;

  @Column({ type: 'json' })
  products: DealRegistrationProduct[];

  @Column({ type: 'varchar', length: 16 })
  status: DealRegistrationStatus;

  @Column({ name: 'account_id', type: 'char', length: 36, nullable: true })
  accountId: string | null;

  @Column({ type: 'boolean' })
  flagged: boolean;

  @Column({ name: 'colliding_opportunity_ids', type: 'json' })
  collidingOpportunityIds: string[];

  @Column({ name: 'colliding_registration_ids', type: 'json' })
  collidingRegistrationIds: string[];

  @Column({ name: 'submitted_by', type: 'varchar', length: 64 })
  submittedBy: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 64, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 1000, nullable: true })
  decisionReason: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
