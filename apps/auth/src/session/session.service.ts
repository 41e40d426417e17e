import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CrmError, ErrorCode } from '@crm/contracts';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { ActorDirectory, type AccessTokenClaims } from '@crm/security';
import { SessionRevoker } from './session-revoker.js';

export interface SessionTokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  employeeId: string;
  permissions: string[];
}

interface SessionRow {
  sid: string;
  employee_id: string;
  session_version: number;
  refresh_hash: Buffer;
  expires_at: Date;
  revoked_at: Date | null;
}

const SID = /^[A-Za-z0-9_-]{22}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Login sessions: a short-lived access token (JWT, checked by every app) plus an opaque refresh
 * token `<sid>.<secret>` kept only as a SHA-256 (it has 256 random bits). Each refresh rotates the
 * secret; presenting an old one again means it leaked, and the session is ended.
 */
@Injectable()
export class SessionService {
  private readonly log = new Logger('Sessions');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(ActorDirectory) private readonly employees: ActorDirectory,
    @Inject(SessionRevoker) private readonly revoker: SessionRevoker,
  ) {}

  async open(employeeId: string): Promise<SessionTokens> {
    const state = await this.employees.session(employeeId);
    if (!state.active) throw new CrmError(ErrorCode.InvalidCredentials);
    const sid = randomBytes(16).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    const ttl = this.config.sessions.refreshTtlSeconds;
    await this.dataSource.query(
      'INSERT INTO employee_session (sid, employee_id, session_version, refresh_hash, expires_at) VALUES (?, ?, ?, ?, DATE_ADD(NOW(3), INTERVAL ? SECOND))',
      [sid, employeeId, state.sessionVersion, sha256(secret), ttl],
    );
    return this.tokens(sid, secret, state.employeeId, state.permissions, state.sessionVersion);
  }

  async refresh(refreshToken: unknown): Promise<SessionTokens> {
    const [sid, secret] = typeof refreshToken === 'string' ? refreshToken.split('.') : [];
    if (!sid || !secret || !SID.test(sid) || !SECRET.test(secret)) throw new CrmError(ErrorCode.ActorInvalid, 'refresh token invalid');
    const rows: SessionRow[] = await this.dataSource.query('SELECT * FROM employee_session WHERE sid = ?', [sid]);
    const row = rows[0];
    if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now())
      throw new CrmError(ErrorCode.ActorInvalid, 'refresh token invalid');
    if (!timingSafeEqual(sha256(secret), row.refresh_hash)) {
      await this.endSession(sid, 'refresh-reuse');
      this.log.warn({ msg: 'refresh token reused: session ended', employeeId: row.employee_id, sid });
      throw new CrmError(ErrorCode.ActorInvalid, 'refresh token invalid');
    }
    const state = await this.employees.session(row.employee_id);
    if (!state.active || state.sessionVersion !== Number(row.session_version))
      throw new CrmError(ErrorCode.ActorInvalid, 'refresh token invalid');
    const next = randomBytes(32).toString('base64url');
    const res = await this.dataSource.query(
      'UPDATE employee_session SET refresh_hash = ?, last_used_at = NOW(3) WHERE sid = ? AND refresh_hash = ? AND revoked_at IS NULL',
      [sha256(next), sid, row.refresh_hash],
    );
    // Lost a race with another refresh of the same token: one of the two copies leaked.
    if (res.affectedRows !== 1) {
      await this.endSession(sid, 'refresh-reuse');
      throw new CrmError(ErrorCode.ActorInvalid, 'refresh token invalid');
    }
    return this.tokens(sid, next, state.employeeId, state.permissions, state.sessionVersion);
  }

  /** Logout ends all of the employee's sessions on every app (a back-office account, not a phone). */
  async logout(employeeId: string): Promise<void> {
    await this.revoker.revokeAll(null, employeeId, 'logout');
  }

  private async endSession(sid: string, reason: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE employee_session SET revoked_at = NOW(3), revoked_reason = ? WHERE sid = ? AND revoked_at IS NULL',
      [reason, sid],
    );
  }

  private async tokens(
    sid: string,
    secret: string,
    employeeId: string,
    permissions: string[],
    sessionVersion: number,
  ): Promise<SessionTokens> {
    const claims: AccessTokenClaims = { sub: employeeId, perms: permissions, sv: sessionVersion, sid };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
      refreshToken: `${sid}.${secret}`,
      refreshExpiresIn: this.config.sessions.refreshTtlSeconds,
      employeeId,
      permissions,
    };
  }
}
