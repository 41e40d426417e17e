import type { EntityManager } from 'typeorm';

/**
 * A stamp of a table whose rows carry `id`, `version` and `updated_at` and whose edits bump the
 * version: any insert, delete or edit changes it. Meant for small reference tables (rules, policies,
 * queues), which it scans whole.
 */
export const versionedStamp = (table: string): string =>
  `(SELECT CONCAT_WS('/', COUNT(*), SUM(version), MAX(updated_at), BIT_XOR(CRC32(id))) FROM ${table})`;

/**
 * The stamps of an app's reference tables, read together in one round trip and at most once per
 * transaction: the first cached reference a transaction uses reads them all, the others reuse them
 * (`StampedCache` keeps the values). Within a transaction the stamps are those of its first use, so
 * a transaction that edits a reference table must read it directly, not through a cache.
 */
export class TableStamps {
  private readonly perTransaction = new WeakMap<object, Promise<Record<string, string>>>();
  private readonly sql: string;

  /** `tables`: name → SQL expression of its stamp (`versionedStamp(name)` for most). */
  constructor(private readonly tables: Readonly<Record<string, string>>) {
    this.sql = `SELECT ${Object.entries(tables)
      .map(([name, expression]) => `${expression} AS \`${name}\``)
      .join(', ')}`;
  }

  /** The stamp of `table` as `m`'s transaction sees it (read with all the others on first use). */
  async of(m: EntityManager, table: string): Promise<string> {
    if (!(table in this.tables)) throw new Error(`${table} has no stamp (TableStamps was not given it)`);
    return (await this.all(m))[table]!;
  }

  private all(m: EntityManager): Promise<Record<string, string>> {
    // Kept per transaction by its runner's `data`, which is the transaction's own (a new runner per
    // transaction, or a kept one given fresh `data` by `SessionRunners`); outside one, read afresh.
    const key = m.queryRunner?.isTransactionActive ? m.queryRunner.data : null;
    const kept = key ? this.perTransaction.get(key) : undefined;
    if (kept) return kept;
    const read = m.query(this.sql).then(([row]: Array<Record<string, unknown>>) => {
      const out: Record<string, string> = {};
      for (const name of Object.keys(this.tables)) out[name] = String(row?.[name] ?? '');
      return out;
    });
    if (key) {
      this.perTransaction.set(key, read);
      // A failed read is not kept for the rest of the transaction.
      read.catch(() => this.perTransaction.delete(key));
    }
    return read;
  }
}
