import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode, type ScopeGrant } from '@crm/contracts';
import type { Change, ChangeContext, ChangeRecorder } from '@crm/outbox';
import type { ContractEntity, ContractLineEntity } from './contract.entity.js';
import type { ContractRepository, NewContract, QuoteLineSource, QuoteSource } from './contract.repository.js';

/**
 * The repository's contract without SQL, for unit tests: rows in maps, the data scope applied as
 * `applyScope` does, and the schedule's conditional UPDATEs as the database runs them (a row is
 * marked only if it is still unmarked), without row locks — so two jobs sharing one fake show what
 * the conditional UPDATE alone guarantees.
 */
export class FakeContractRepository {
  readonly rows = new Map<string, ContractEntity>();
  readonly lineRows: ContractLineEntity[] = [];
  readonly quotes = new Map<string, QuoteSource & { lines: QuoteLineSource[] }>();
  readonly accounts = new Map<string, string>();
  private clock = Date.parse('2026-11-01T00:00:00Z');

  private visible(ownerId: string, scope: ScopeGrant | null): boolean {
    if (!scope) throw new CrmError(ErrorCode.ActorInvalid, 'a data scope needs an employee actor');
    return scope.owners === null || scope.owners.includes(ownerId);
  }

  async insert(_m: EntityManager, row: NewContract, lines: ContractLineEntity[]): Promise<ContractEntity> {
    if ([...this.rows.values()].some((r) => r.quoteId !== null && r.quoteId === row.quoteId))
      throw Object.assign(new Error("Duplicate entry 'x' for key 'uq_contract_quote'"), { code: 'ER_DUP_ENTRY', errno: 1062 });
    const at = new Date((this.clock += 1000));
    const created: ContractEntity = { ...row, version: 1, createdAt: at, updatedAt: at };
    this.rows.set(row.id, created);
    this.lineRows.push(...lines.map((l) => ({ ...l })));
    return { ...created };
  }

  async find(id: string, scope: ScopeGrant | null): Promise<ContractEntity | null> {
    const row = this.rows.get(id);
    return row && this.visible(row.ownerId, scope) ? { ...row } : null;
  }

  async idByQuote(quoteId: string): Promise<string | null> {
    return [...this.rows.values()].find((r) => r.quoteId === quoteId)?.id ?? null;
  }

  async lines(ids: string[]): Promise<ContractLineEntity[]> {
    return this.lineRows.filter((l) => ids.includes(l.contractId)).map((l) => ({ ...l }));
  }

  async update(_m: EntityManager, id: string, patch: Partial<ContractEntity>): Promise<ContractEntity> {
    const row = { ...this.rows.get(id)!, ...patch, updatedAt: new Date((this.clock += 1000)) };
    this.rows.set(id, row);
    return { ...row };
  }

  async reload(_m: EntityManager, id: string): Promise<ContractEntity> {
    return { ...this.rows.get(id)! };
  }

  async quoteSource(quoteId: string, scope: ScopeGrant | null): Promise<QuoteSource | null> {
    const q = this.quotes.get(quoteId);
    if (!q || !this.visible(q.ownerId, scope)) return null;
    const { lines: _lines, ...source } = q;
    return source;
  }

  async quoteLines(quoteId: string): Promise<QuoteLineSource[]> {
    return this.quotes.get(quoteId)?.lines ?? [];
  }

  async accountVisible(accountId: string, scope: ScopeGrant | null): Promise<boolean> {
    const owner = this.accounts.get(accountId);
    return owner !== undefined && this.visible(owner, scope);
  }

  async claimRenewalDue(_m: EntityManager, today: string, cutoff: string, limit: number): Promise<ContractEntity[]> {
    await Promise.resolve();
    return [...this.rows.values()]
      .filter((c) => c.status === 'active' && c.renewalNoticeAt === null && c.endDate! >= today && c.endDate! <= cutoff)
      .slice(0, limit)
      .map((c) => ({ ...c }));
  }

  async markNoticed(_m: EntityManager, id: string): Promise<boolean> {
    await Promise.resolve();
    const row = this.rows.get(id)!;
    if (row.status !== 'active' || row.renewalNoticeAt !== null) return false;
    this.rows.set(id, { ...row, renewalNoticeAt: new Date((this.clock += 1000)) });
    return true;
  }

  async claimExpired(_m: EntityManager, today: string, limit: number): Promise<ContractEntity[]> {
    await Promise.resolve();
    return [...this.rows.values()]
      .filter((c) => c.status === 'active' && c.endDate! < today)
      .slice(0, limit)
      .map((c) => ({ ...c }));
  }

  async markExpired(_m: EntityManager, id: string, version: number): Promise<boolean> {
    await Promise.resolve();
    const row = this.rows.get(id)!;
    if (row.status !== 'active' || row.version !== version) return false;
    this.rows.set(id, { ...row, status: 'expired', expiredAt: new Date(), version: version + 1 });
    return true;
  }
}

export function fakeChangeRecorder(): { changes: ChangeRecorder; recorded: Array<{ context: ChangeContext; change: Change }> } {
  const recorded: Array<{ context: ChangeContext; change: Change }> = [];
  const changes = {
    record: async (_m: EntityManager | null, context: ChangeContext, change: Change) => void recorded.push({ context, change }),
  } as unknown as ChangeRecorder;
  return { changes, recorded };
}

/** Runs a "transaction" by calling the work with a dummy manager (the fake ignores it). */
export function fakeDataSource(): DataSource {
  const tx = {} as EntityManager;
  return { transaction: async <T>(run: (m: EntityManager) => Promise<T>) => run(tx), manager: tx } as unknown as DataSource;
}

export const asRepository = (fake: FakeContractRepository) => fake as unknown as ContractRepository;
