import { Logger } from '@nestjs/common';
import { In, IsNull, LessThan, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { CALLER_CHANGED_V1, CrmError, ErrorCode, type CallerChangedData, type CallerProfile } from '@crm/contracts';
import type { ChangeRecorder, OutboxWriter } from '@crm/outbox';
import { changeContext, CLI_ACTOR, type Actor } from '../operation/actor.js';
import { CallerCredentialEntity } from './caller-credential.entity.js';
import { isLocked, sourceKey, type LockoutState } from './caller-lockout.js';
import { CallerLockoutRepository } from './caller-lockout.repository.js';
import { CallerEntity } from './caller.entity.js';
import { dummySecretHash, generateSecret, hashSecret, verifySecret } from './password-hasher.js';
import type { AuthConfig } from '../auth.config.js';

export type CallerPolicy = AuthConfig['callerPolicy'];

/** Why every app must drop what it remembers about a caller (`auth.caller.changed.v1`). */
type ChangeReason = CallerChangedData['reason'];

export interface CallerSummary {
  name: string;
  state: string;
  /** One of the apps' own callers (`system bootstrap`): counted, never locked. */
  internal: boolean;
  allow: string[];
  sources: string[] | null;
  /** Whether any source of this caller is locked now. */
  locked: boolean;
  /** The locked sources ('' = messages without a `user_id`). */
  lockedSources: string[];
  /** Failures in the current windows, all sources together. */
  failedAttempts: number;
  credentials: Array<{ createdAt: string; expiresAt: string; overlapUntil: string | null }>;
}

const NAME_RE = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const GLOB_RE = /^[A-Za-z0-9.*_-]{1,200}$/;
/** Always verify against this many hashes so that timing does not reveal how many passwords exist. */
const HASHES_PER_CHECK = 2;
/** Who acts when auth's lockout policy locks a pair (operation log). */
const LOCKOUT_ACTOR: Actor = { type: 'caller', id: 'auth' };

/**
 * System callers (SPEC §3.1): generated passwords shown once, argon2id at rest, rotation with an
 * overlap window, expiry, lockout after repeated failures, disable/enable/unlock.
 */
export class CallerService {
  private readonly log = new Logger('CallerService');
  private readonly callers: Repository<CallerEntity>;
  private readonly credentials: Repository<CallerCredentialEntity>;
  private readonly lockouts: CallerLockoutRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: CallerPolicy,
    /**
     * Every change is recorded in the operation log, and announced (`auth.caller.changed.v1`), in
     * its own transaction (SPEC §4.2): a broker outage at the commit delays the announcement, never
     * drops it, so no app keeps trusting a disabled or rotated credential until its cache TTL.
     */
    private readonly changes: ChangeRecorder,
    /** The announcement of a failure, which is not a change of the caller (no operation-log entry). */
    private readonly outbox: OutboxWriter,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.callers = dataSource.getRepository(CallerEntity);
    this.credentials = dataSource.getRepository(CallerCredentialEntity);
    this.lockouts = new CallerLockoutRepository(dataSource, {
      maxFailures: policy.maxFailures,
      windowMs: policy.lockWindowMs,
      lockMs: policy.lockMs,
    });
  }

  /** `internal` only for the apps' own callers (`system bootstrap`): they are never locked. */
  async create(
    name: string,
    allow: string[],
    sources: string[] | null = null,
    actor: Actor = CLI_ACTOR,
    internal = false,
  ): Promise<{ caller: string; password: string }> {
    if (!NAME_RE.test(name))
      throw new CrmError(ErrorCode.ValidationFailed, 'caller name must start with a letter and hold letters, digits, . _ - (max 64)');
    if (allow.length === 0) throw new CrmError(ErrorCode.ValidationFailed, 'at least one --allow glob is required');
    for (const g of allow) if (!GLOB_RE.test(g)) throw new CrmError(ErrorCode.ValidationFailed, `invalid pattern glob: ${g}`);
    const password = generateSecret();
    const hash = await hashSecret(password);
    await this.dataSource.transaction(async (m) => {
      if (await m.getRepository(CallerEntity).existsBy({ name })) throw new CrmError(ErrorCode.Conflict, `caller ${name} already exists`);
      const caller = await m.getRepository(CallerEntity).save({ name, allow, sources, state: 'active', internal });
      const expiresAt = this.expiryFromNow();
      await m.getRepository(CallerCredentialEntity).insert({ callerId: caller.id, hash, expiresAt, overlapUntil: null });
      await this.record(
        m,
        actor,
        name,
        'create',
        null,
        { state: 'active', internal, allow, sources, password: hash, expiresAt },
        'created',
      );
    });
    this.log.log({ msg: 'caller created', caller: name, allow });
    return { caller: name, password };
  }

  /** New password now; the current one keeps working until the overlap ends (never past its own expiry). */
  async rotate(
    name: string,
    overlapMs = this.policy.defaultOverlapMs,
    actor: Actor = CLI_ACTOR,
  ): Promise<{ caller: string; password: string; previousValidUntil: string }> {
    const caller = await this.mustFind(name);
    const password = generateSecret();
    const hash = await hashSecret(password);
    const now = this.now();
    const overlapEnd = new Date(now.getTime() + overlapMs);
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(CallerCredentialEntity);
      const live = await repo.find({ where: { callerId: caller.id }, lock: { mode: 'pessimistic_write' } });
      for (const c of live) {
        const end = c.overlapUntil && c.overlapUntil < overlapEnd ? c.overlapUntil : overlapEnd;
        if (end <= now) await repo.delete({ id: c.id });
        else await repo.update({ id: c.id }, { overlapUntil: end < c.expiresAt ? end : c.expiresAt });
      }
      const expiresAt = this.expiryFromNow();
      await repo.insert({ callerId: caller.id, hash, expiresAt, overlapUntil: null });
      const current = live.find((c) => !c.overlapUntil) ?? live[live.length - 1];
      await this.record(
        m,
        actor,
        name,
        'rotate',
        { password: current?.hash ?? null, expiresAt: current?.expiresAt ?? null, previousValidUntil: null },
        { password: hash, expiresAt, previousValidUntil: overlapEnd },
        'rotated',
      );
    });
    this.log.log({ msg: 'caller rotated', caller: name, overlapMs });
    return { caller: name, password, previousValidUntil: overlapEnd.toISOString() };
  }

  async disable(name: string, actor: Actor = CLI_ACTOR): Promise<void> {
    await this.change(name, actor, 'disable', () => ({ state: 'disabled' }), 'disabled');
    this.log.warn({ msg: 'caller disabled', caller: name });
  }

  async enable(name: string, actor: Actor = CLI_ACTOR): Promise<void> {
    await this.change(name, actor, 'enable', () => ({ state: 'active' }), 'enabled');
    this.log.log({ msg: 'caller enabled', caller: name });
  }

  /** Lifts the lock of every source of the caller and clears their counts. */
  async unlock(name: string, actor: Actor = CLI_ACTOR): Promise<void> {
    await this.mustFind(name);
    await this.dataSource.transaction(async (m) => {
      const lockedSources = await this.lockouts.clear(m, name, this.now());
      await this.record(m, actor, name, 'unlock', { lockedSources }, { lockedSources: [] }, 'unlocked');
    });
    this.log.log({ msg: 'caller unlocked', caller: name });
  }

  /** `system bootstrap`: marks an existing caller as one of the apps' own (recorded); returns whether it changed. */
  async markInternal(name: string, actor: Actor = CLI_ACTOR): Promise<boolean> {
    const c = await this.mustFind(name);
    if (c.internal) return false;
    await this.change(name, actor, 'mark-internal', () => ({ internal: true }));
    return true;
  }

  /** Test and operations hook: moves every credential's expiry (e.g. to force 4005 in a drill). */
  async setExpiry(name: string, expiresAt: Date, actor: Actor = CLI_ACTOR): Promise<void> {
    const c = await this.mustFind(name);
    await this.dataSource.transaction(async (m) => {
      const creds = await m.getRepository(CallerCredentialEntity).find({ where: { callerId: c.id }, lock: { mode: 'pessimistic_write' } });
      await m.getRepository(CallerCredentialEntity).update({ callerId: c.id }, { expiresAt });
      const latest = creds.reduce<Date | null>((max, k) => (!max || k.expiresAt > max ? k.expiresAt : max), null);
      await this.record(m, actor, name, 'expire', { expiresAt: latest }, { expiresAt }, 'expired');
    });
  }

  /** Adds allowed pattern globs the caller lacks (recorded); returns whether anything changed. */
  async allowMore(name: string, globs: readonly string[], actor: Actor = CLI_ACTOR): Promise<boolean> {
    let changed = false;
    await this.dataSource.transaction(async (m) => {
      const c = await m.getRepository(CallerEntity).findOne({ where: { name }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new CrmError(ErrorCode.NotFound, `caller ${name} not found`);
      const allow = [...c.allow, ...globs.filter((g) => !c.allow.includes(g))];
      if (allow.length === c.allow.length) return;
      await m.getRepository(CallerEntity).update({ id: c.id }, { allow });
      await this.record(m, actor, name, 'allow', { allow: c.allow }, { allow }, 'updated');
      changed = true;
    });
    return changed;
  }

  /** One state change of a caller row with its operation-log entry (old → new) and announcement, in one transaction. */
  private async change(
    name: string,
    actor: Actor,
    action: string,
    next: (c: CallerEntity) => Partial<Pick<CallerEntity, 'state' | 'internal'>>,
    reason?: ChangeReason,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const c = await m.getRepository(CallerEntity).findOne({ where: { name }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new CrmError(ErrorCode.NotFound, `caller ${name} not found`);
      const after = next(c);
      const before = Object.fromEntries(Object.keys(after).map((k) => [k, c[k as keyof CallerEntity]]));
      await m.getRepository(CallerEntity).update({ id: c.id }, after);
      await this.record(m, actor, name, action, before, after, reason);
    });
  }

  /** The operation-log entry and, with a `reason`, the announcement that makes every app forget the caller. */
  private async record(
    m: EntityManager,
    actor: Actor,
    name: string,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
    reason?: ChangeReason,
  ): Promise<void> {
    await this.changes.record(m, changeContext(actor), {
      entity: 'caller',
      entityId: name,
      action,
      before,
      after,
      ...(reason ? { event: { pattern: CALLER_CHANGED_V1, data: { caller: name, reason } } } : {}),
    });
  }

  async list(): Promise<CallerSummary[]> {
    const rows = await this.callers.find({ relations: { credentials: true }, order: { name: 'ASC' } });
    const now = this.now();
    const pairs = await this.lockouts.liveOf(
      rows.map((c) => c.name),
      now,
    );
    // The name column's collation decides which pairs belong to a caller, as it does for the lookup.
    const pairsOf = (name: string) => pairs.filter((p) => p.name.toLowerCase() === name.toLowerCase());
    return rows.map((c) => ({
      name: c.name,
      state: c.state,
      internal: c.internal,
      allow: c.allow,
      sources: c.sources,
      locked: pairsOf(c.name).some((p) => isLocked(p, now)),
      lockedSources: pairsOf(c.name)
        .filter((p) => isLocked(p, now))
        .map((p) => p.source),
      failedAttempts: pairsOf(c.name).reduce((n, p) => n + p.failures, 0),
      credentials: c.credentials.map((k) => ({
        createdAt: k.createdAt.toISOString(),
        expiresAt: k.expiresAt.toISOString(),
        overlapUntil: k.overlapUntil?.toISOString() ?? null,
      })),
    }));
  }

  async exists(name: string): Promise<boolean> {
    return this.callers.existsBy({ name });
  }

  /**
   * The authoritative check. Unknown caller and wrong password cost the same (always
   * HASHES_PER_CHECK argon2 verifications) and answer the same 4002. Failures count per (name,
   * source), unknown names included; a locked pair answers 4004 without hashing, whether the name
   * exists or not, and other sources of the same name are not affected. Internal callers are
   * counted but never locked, so no one can stop the apps' own checks.
   */
  async verify(name: string, password: string, source: string | null): Promise<CallerProfile> {
    const now = this.now();
    const pair = sourceKey(source);
    const [caller, lockout] = await Promise.all([
      this.callers.findOne({ where: { name }, relations: { credentials: true } }),
      this.lockouts.find(name, pair),
    ]);
    if (isLocked(lockout, now) && !caller?.internal) throw new CrmError(ErrorCode.CallerLocked);
    const creds = caller?.credentials.filter((c) => !c.overlapUntil || c.overlapUntil > now) ?? [];
    const dummy = await dummySecretHash();
    let matched: CallerCredentialEntity | undefined;
    for (let i = 0; i < Math.max(HASHES_PER_CHECK, creds.length); i++) {
      const cred = creds[i];
      const ok = await verifySecret(cred?.hash ?? dummy, password);
      if (ok && cred && !matched) matched = cred;
    }
    if (!caller || !matched) {
      await this.recordFailure(name, pair, caller?.internal ?? false);
      throw new CrmError(ErrorCode.InvalidCredentials);
    }
    if (caller.state === 'disabled') throw new CrmError(ErrorCode.CallerDisabled);
    if (matched.expiresAt <= now) throw new CrmError(ErrorCode.CredentialExpired);
    // Success resets the pair. Caches in every app forget a caller on each recorded failure, so
    // after a failure the next good call comes here and resets it.
    if (lockout) await this.lockouts.reset(name, pair);
    const validUntil = matched.overlapUntil && matched.overlapUntil < matched.expiresAt ? matched.overlapUntil : matched.expiresAt;
    return { name: caller.name, allow: caller.allow, sources: caller.sources, validUntil: validUntil.toISOString() };
  }

  /** Credentials expiring within the warning window that have not been announced yet. */
  async takeExpiryWarnings(): Promise<Array<{ caller: string; expiresAt: string }>> {
    const horizon = new Date(this.now().getTime() + this.policy.warnDays * 86_400_000);
    const due = await this.credentials.find({
      where: { expiresAt: LessThan(horizon), expiryWarnedAt: IsNull(), overlapUntil: IsNull() },
      relations: { caller: true },
    });
    if (due.length) await this.credentials.update({ id: In(due.map((d) => d.id)) }, { expiryWarnedAt: this.now() });
    return due.map((d) => ({ caller: d.caller.name, expiresAt: d.expiresAt.toISOString() }));
  }

  /** Drops lockout rows whose window and lock are over (housekeeping; bounds the table). */
  purgeLockouts(): Promise<number> {
    return this.lockouts.purgeExpired(this.now());
  }

  /** Drops credentials whose overlap has ended (housekeeping). */
  async purgeRetired(): Promise<number> {
    const res = await this.credentials
      .createQueryBuilder()
      .delete()
      .where('overlap_until IS NOT NULL AND overlap_until < :now', { now: this.now() })
      .execute();
    return res.affected ?? 0;
  }

  /**
   * One failure of (name, source), known name or not, under a row lock so replicas count together.
   * A lock is recorded in the operation log in the same transaction. Every failure of a lockable
   * name is announced (in that transaction too), so every process forgets the caller's cached
   * credential and the caller's next good call reaches auth and resets its count (success resets,
   * SPEC §3.1). Unknown names are announced too: the same work whether the name exists or not.
   */
  private async recordFailure(name: string, source: string, internal: boolean): Promise<void> {
    const now = this.now();
    const newlyLocked = (before: LockoutState | null, after: LockoutState) => isLocked(after, now) && !isLocked(before, now);
    const { before, after } = await this.lockouts.recordFailure(name, source, now, !internal, async (m, prev, next) => {
      if (newlyLocked(prev, next))
        await this.record(m, LOCKOUT_ACTOR, name, 'lock', { source: null, ...lockFields(prev) }, { source, ...lockFields(next) }, 'locked');
      else if (!internal) await this.outbox.add(m, CALLER_CHANGED_V1, { caller: name, reason: 'failed' });
    });
    const locked = newlyLocked(before, after);
    this.log.warn({
      msg: locked ? 'caller locked for this source' : 'caller authentication failed',
      caller: name,
      source,
      failures: after.failures,
      internal,
      ...(locked ? { lockMs: this.policy.lockMs } : {}),
    });
  }

  private async mustFind(name: string): Promise<CallerEntity> {
    const c = await this.callers.findOneBy({ name });
    if (!c) throw new CrmError(ErrorCode.NotFound, `caller ${name} not found`);
    return c;
  }

  private expiryFromNow(): Date {
    return new Date(this.now().getTime() + this.policy.maxAgeDays * 86_400_000);
  }
}

function lockFields(s: LockoutState | null): Record<string, unknown> {
  return { failures: s?.failures ?? 0, lockedUntil: s?.lockedUntil ?? null };
}
