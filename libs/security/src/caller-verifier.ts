import { CrmError, ErrorCode, type CallerProfile } from '@crm/contracts';
import type { CallerDirectory } from './caller-directory.js';
import type { CredentialCache } from './credential-cache.js';
import { compilePatternGlobs, sourceAllowed } from './pattern-glob.js';

const MAX_NAME = 64;
const MAX_PASSWORD = 512;
/** Directory answers that mean auth recorded a failure for the caller. */
const FAILURE_CODES: ReadonlySet<number> = new Set([ErrorCode.InvalidCredentials, ErrorCode.CallerLocked]);

/**
 * The one credential check of SPEC §3.1, shared by every app: presence, then the credential
 * (memory first, the directory on a miss), then source and pattern against the caller's profile.
 */
export class CallerVerifier {
  private readonly globCache = new Map<string, (pattern: string) => boolean>();
  /** Concurrent misses for the same credential share one directory check (cold start, burst). */
  private readonly inflight = new Map<string, Promise<CallerProfile>>();

  constructor(
    private readonly cache: CredentialCache,
    private readonly directory: CallerDirectory,
  ) {}

  async verify(caller: unknown, password: unknown, pattern: string, source: string | null): Promise<CallerProfile> {
    if (typeof caller !== 'string' || caller.length === 0 || typeof password !== 'string' || password.length === 0) {
      throw new CrmError(ErrorCode.CredentialsMissing);
    }
    if (caller.length > MAX_NAME || password.length > MAX_PASSWORD) throw new CrmError(ErrorCode.InvalidCredentials);
    const profile = this.cache.lookup(caller, password, source) ?? (await this.verifyOnce(caller, password, source));
    if (!sourceAllowed(profile.sources, source)) throw new CrmError(ErrorCode.SourceNotAllowed);
    if (!this.matcher(profile.allow)(pattern)) throw new CrmError(ErrorCode.Forbidden, 'caller is not allowed this pattern');
    return profile;
  }

  private verifyOnce(caller: string, password: string, source: string | null): Promise<CallerProfile> {
    const key = this.cache.keyOf(caller, password, source);
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.directory
        .verify(caller, password, source)
        .then(
          (profile) => {
            this.cache.remember(caller, password, profile, source);
            return profile;
          },
          (err: unknown) => {
            // Auth counted a failure: forget the caller here at once, so this process sends the
            // caller's next good call to auth, which resets the count. The announcement auth
            // publishes does the same in other processes, but it arrives later.
            if (err instanceof CrmError && FAILURE_CODES.has(err.code)) this.cache.forget(caller);
            throw err;
          },
        )
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private matcher(globs: string[]): (pattern: string) => boolean {
    const key = globs.join('\n');
    let m = this.globCache.get(key);
    if (!m) {
      m = compilePatternGlobs(globs);
      if (this.globCache.size > 1000) this.globCache.clear();
      this.globCache.set(key, m);
    }
    return m;
  }
}
