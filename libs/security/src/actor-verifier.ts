import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { CrmError, ErrorCode, type EmployeeSessionState, type ScopedApp, type ScopeGrant } from '@crm/contracts';
import type { ActorDirectory } from './actor-directory.js';
import { ACCESS_TOKEN_ISSUER, type AccessTokenClaims } from './access-token.js';

/** An employee whose access token checked out, with the permissions and data scopes held now. */
export interface VerifiedActor {
  employeeId: string;
  permissions: readonly string[];
  scopes: Partial<Record<ScopedApp, ScopeGrant>>;
}

/**
 * The employee's data scope in one business app. An app auth named no scope for (a role without
 * one, or an older auth) falls back to the narrowest, `own`: a missing grant never widens access.
 */
export function scopeIn(actor: VerifiedActor, app: ScopedApp): ScopeGrant {
  return actor.scopes[app] ?? { scope: 'own', owners: [actor.employeeId] };
}

interface Entry {
  state: EmployeeSessionState;
  expiresMs: number;
}

const MAX_TOKEN = 4096;

/**
 * Checks an employee access token (SPEC §3.3) for every app: signature, issuer and expiry, then
 * the employee's live state — active, and the token's session version still current — so a
 * disabled or logged-out employee's token fails on its next use anywhere. The live state is
 * remembered for a short TTL and dropped at once when auth announces a revocation.
 */
export class ActorVerifier {
  private readonly jwt: JwtService;
  private readonly states = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<EmployeeSessionState>>();
  /** Bumped by every forget/clear: a directory answer that started before it is not remembered. */
  private epoch = 0;

  constructor(
    key: Buffer,
    private readonly directory: ActorDirectory,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // A KeyObject, made once: given bytes, jsonwebtoken tries (and fails) to parse them as a public key on every verify.
    this.jwt = new JwtService({ secret: createSecretKey(key), verifyOptions: { algorithms: ['HS256'], issuer: ACCESS_TOKEN_ISSUER } });
  }

  async verifyToken(token: unknown): Promise<VerifiedActor> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN) throw new CrmError(ErrorCode.ActorInvalid);
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch {
      throw new CrmError(ErrorCode.ActorInvalid);
    }
    return this.verifyClaims(claims);
  }

  /** For callers whose framework already checked the signature (passport-jwt on HTTP). */
  async verifyClaims(claims: unknown): Promise<VerifiedActor> {
    const c = claims as Partial<AccessTokenClaims> | null;
    if (!c || typeof c.sub !== 'string' || c.sub.length === 0 || c.sub.length > 16 || typeof c.sv !== 'number')
      throw new CrmError(ErrorCode.ActorInvalid);
    const state = await this.state(c.sub);
    if (!state.active || state.sessionVersion !== c.sv) throw new CrmError(ErrorCode.ActorInvalid);
    return { employeeId: state.employeeId, permissions: state.permissions, scopes: state.scopes ?? {} };
  }

  forget(employeeId: string): void {
    this.epoch++;
    this.states.delete(employeeId);
    this.inflight.delete(employeeId);
  }

  clear(): void {
    this.epoch++;
    this.states.clear();
    this.inflight.clear();
  }

  private async state(employeeId: string): Promise<EmployeeSessionState> {
    const hit = this.states.get(employeeId);
    if (hit && hit.expiresMs > this.now()) return hit.state;
    let pending = this.inflight.get(employeeId);
    if (!pending) {
      const startedAt = this.epoch;
      pending = this.directory.session(employeeId).then((state) => {
        if (this.epoch === startedAt && this.ttlMs > 0) {
          if (this.states.size > 50_000) this.states.clear();
          this.states.set(employeeId, { state, expiresMs: this.now() + this.ttlMs });
        }
        return state;
      });
      const shared = pending.finally(() => {
        if (this.inflight.get(employeeId) === shared) this.inflight.delete(employeeId);
      });
      this.inflight.set(employeeId, shared);
      pending = shared;
    }
    return pending;
  }
}
