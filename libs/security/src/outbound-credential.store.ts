import { CrmError, ErrorCode, type AppName } from '@crm/contracts';
import type { DataSource, Repository } from 'typeorm';
import { OutboundCredentialEntity } from './outbound-credential.entity.js';
import type { SecretBox } from './secret-box.js';

export interface OutboundCredentials {
  caller: string;
  password: string;
}

/**
 * Reads and writes this app's own credentials for the systems it calls. Decrypted values are
 * kept in memory briefly so the hot path does not hit the database; `set` and key rotation
 * drop them.
 */
export class OutboundCredentialStore {
  private readonly repo: Repository<OutboundCredentialEntity>;
  private readonly memo = new Map<string, { value: OutboundCredentials; until: number }>();

  constructor(
    dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly app: AppName,
    private readonly memoMs = 30_000,
  ) {
    this.repo = dataSource.getRepository(OutboundCredentialEntity);
  }

  private context(target: string): string {
    return `${this.app}/${target}`;
  }

  async get(target: string): Promise<OutboundCredentials> {
    const hit = this.memo.get(target);
    if (hit && hit.until > Date.now()) return hit.value;
    const row = await this.repo.findOneBy({ target });
    if (!row) throw new CrmError(ErrorCode.Unavailable, `no outbound credentials configured for ${target}`);
    const value = { caller: row.caller, password: this.box.open(row, this.context(target)) };
    this.memo.set(target, { value, until: Date.now() + this.memoMs });
    return value;
  }

  async has(target: string): Promise<boolean> {
    return (await this.repo.countBy({ target })) > 0;
  }

  async set(target: string, caller: string, password: string): Promise<void> {
    const sealed = this.box.seal(password, this.context(target));
    await this.repo.upsert({ target, caller, ...sealed }, ['target']);
    this.memo.delete(target);
  }

  /** Re-encrypts every record under the current key; returns how many were rewritten. */
  async rotateKey(): Promise<number> {
    const rows = await this.repo.find();
    let changed = 0;
    for (const row of rows) {
      if (row.keyId === this.box.currentKeyId) continue;
      const sealed = this.box.reseal(row, this.context(row.target));
      await this.repo.update({ target: row.target }, sealed);
      changed++;
    }
    this.memo.clear();
    return changed;
  }
}
