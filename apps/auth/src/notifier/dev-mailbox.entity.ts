import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Development mailbox (NOTIFIER=log): what would have been sent. Holds codes in clear: never for production. */
@Entity('dev_mailbox')
export class DevMailboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 16, nullable: true })
  employeeId: string | null;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
