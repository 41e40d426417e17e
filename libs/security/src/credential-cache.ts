import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CallerProfile } from '@crm/contracts';

interface Entry {
  digest: Buffer;
  profile: CallerProfile;
  validUntilMs: number;
  expiresMs: number;
}

/**
 * Remembers credentials this process has verified, so the hot path pays one HMAC instead of a
 * password hash. Keys are HMACs under a random per-process key: the plaintext is never kept, and
 * the digests are useless outside this process. Entries are dropped when auth announces a change
 * (rotation, disable, lock), when the broker link drops, at the credential's own deadline, and
 * after a TTL as a safety net.
 */
export class CredentialCache {
  // A KeyObject: createHmac would build one from a Buffer on every call (the hot path of every call's check).
  private readonly processKey = createSecretKey(randomBytes(32));
  private readonly entries = new Map<string, Entry[]>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxPerCaller = 4,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The source is part of the key: auth counts failures per (caller, source) and a success resets
   * only its own source's count, so a source's first good call after a failure must reach auth
   * even when another source of the same caller is cached.
   */
  private digest(caller: string, password: string, source: string | null): Buffer {
    const src = source ?? '';
    // Length-prefixed: no (source, password) split of one byte string can stand for another.
    return createHmac('sha256', this.processKey).update(caller).update('\0').update(`${src.length}:`).update(src).update(password).digest();
  }

  /** Opaque per-process key of a credential (for coalescing concurrent checks), never the plaintext. */
  keyOf(caller: string, password: string, source: string | null = null): string {
    return this.digest(caller, password, source).toString('base64');
  }

  lookup(caller: string, password: string, source: string | null = null): CallerProfile | null {
    const list = this.entries.get(caller);
    if (!list) return null;
    const d = this.digest(caller, password, source);
    const t = this.now();
    for (const e of list) {
      if (timingSafeEqual(e.digest, d)) {
        if (t >= e.validUntilMs || t >= e.expiresMs) {
          this.entries.set(
            caller,
            list.filter((x) => x !== e),
          );
          return null;
        }
        return e.profile;
      }
    }
    return null;
  }

  remember(caller: string, password: string, profile: CallerProfile, source: string | null = null): void {
    if (this.ttlMs === 0) return;
    const d = this.digest(caller, password, source);
    const list = (this.entries.get(caller) ?? []).filter((e) => !timingSafeEqual(e.digest, d));
    list.push({ digest: d, profile, validUntilMs: Date.parse(profile.validUntil), expiresMs: this.now() + this.ttlMs });
    // A caller has at most two valid passwords (overlap), usually from one or two sources; the bound keeps garbage out.
    while (list.length > this.maxPerCaller) list.shift();
    this.entries.set(caller, list);
  }

  forget(caller: string): void {
    this.entries.delete(caller);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
