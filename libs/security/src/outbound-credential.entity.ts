import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The CRM's own password for one target system, sealed by the SecretBox (SPEC §3.2). */
@Entity('outbound_credential')
export class OutboundCredentialEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  target: string;

  @Column({ type: 'varchar', length: 64 })
  caller: string;

  @Column({ name: 'key_id', type: 'varchar', length: 32 })
  keyId: string;

  @Column({ type: 'varchar', length: 32 })
  iv: string;

  @Column({ type: 'text' })
  ciphertext: string;

  @Column({ type: 'varchar', length: 32 })
  tag: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
