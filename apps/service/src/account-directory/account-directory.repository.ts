import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountDirectoryEntity } from './account-directory.entity.js';

/** All SQL of the account directory. */
@Injectable()
export class AccountDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts the account or moves it to a newer version. Events of one account may arrive out of
   * order (replicas, redelivery), so a row only ever moves forward; `version` is assigned last so
   * the conditions before it compare with the stored one.
   */
  async upsert(m: EntityManager, a: AccountDirectoryEntity): Promise<void> {
    await m.query(
      `INSERT INTO account_directory (account_id, account_no, name, segment, version, source_updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE
         account_no = IF(VALUES(version) > version, VALUES(account_no), account_no),
         name = IF(VALUES(version) > version, VALUES(name), name),
         segment = IF(VALUES(version) > version, VALUES(segment), segment),
         source_updated_at = IF(VALUES(version) > version, VALUES(source_updated_at), source_updated_at),
         version = GREATEST(version, VALUES(version))`,
      [a.accountId, a.accountNo, a.name, a.segment, a.version, a.sourceUpdatedAt],
    );
  }

  /** The sales account behind an account number, when sales has announced it. */
  async accountIdOf(accountNo: string, m: EntityManager = this.dataSource.manager): Promise<string | null> {
    const row = await m.getRepository(AccountDirectoryEntity).findOne({ select: { accountId: true }, where: { accountNo } });
    return row?.accountId ?? null;
  }
}
