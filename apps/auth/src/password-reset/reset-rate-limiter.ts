import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface ResetRateLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

/**
 * Forgot-password requests per identifier (the e-mail or phone as typed, normalised) and per client
 * address, in a sliding window, shared by all replicas through the database. Buckets are keyed
 * hashes, so the table holds neither addresses nor identifiers. Counting by what was *asked*, not
 * by account, means an unknown address is limited exactly like a known one: a 4290 reveals nothing.
 */
export class ResetRateLimiter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: Buffer,
    private readonly limits: ResetRateLimits,
  ) {}

  private bucket(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(`${kind}\u0000${value}`).digest('hex');
  }

  /** Records the request and returns true, or returns false (nothing recorded) when a limit is reached. */
  async allow(identifier: string, address: string): Promise<boolean> {
    const now = new Date();
    const since = new Date(now.getTime() - this.limits.windowMs);
    const account = this.bucket('account', identifier);
    const client = this.bucket('address', address);
    const rows: Array<{ bucket: string; n: string | number }> = await this.dataSource.query(
      'SELECT bucket, COUNT(*) AS n FROM password_reset_request WHERE bucket IN (?, ?) AND at > ? GROUP BY bucket',
      [account, client, since],
    );
    const count = (b: string) => Number(rows.find((r) => r.bucket === b)?.n ?? 0);
    if (count(account) >= this.limits.perAccount || count(client) >= this.limits.perAddress) return false;
    await this.dataSource.query('INSERT INTO password_reset_request (bucket, at) VALUES (?, ?), (?, ?)', [account, now, client, now]);
    // Old rows have no further use; trimming a few per request keeps the table at the window's size.
    await this.dataSource.query('DELETE FROM password_reset_request WHERE at < ? LIMIT 100', [since]);
    return true;
  }
}
