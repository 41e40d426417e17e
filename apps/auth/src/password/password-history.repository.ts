import type { EntityManager, Repository, DataSource } from 'typeorm';
import { PasswordHistoryEntity } from './password-history.entity.js';

/** SQL of the password history: the newest hashes of an employee, and keeping only the newest N. */
export class PasswordHistoryRepository {
  private readonly repo: Repository<PasswordHistoryEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(PasswordHistoryEntity);
  }

  async recentHashes(employeeId: string, count: number): Promise<string[]> {
    if (count <= 0) return [];
    const rows = await this.repo.find({
      where: { employeeId },
      order: { id: 'DESC' },
      take: count,
      select: { id: true, passwordHash: true },
    });
    return rows.map((r) => r.passwordHash);
  }

  /** Adds the new hash and drops all but the newest `keep`, inside the caller's transaction. */
  async add(m: EntityManager, employeeId: string, passwordHash: string, keep: number): Promise<void> {
    const repo = m.getRepository(PasswordHistoryEntity);
    await repo.insert({ employeeId, passwordHash });
    const rows = await repo.find({ where: { employeeId }, order: { id: 'DESC' }, select: { id: true } });
    const stale = rows.slice(Math.max(keep, 1)).map((r) => r.id);
    if (stale.length) await repo.delete(stale);
  }
}
