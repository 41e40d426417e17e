import { hkdfSync } from 'node:crypto';
import type { CrmConfig } from '@crm/config';

/** Claims of the employee access token issued by `auth` (POST /auth/login) and checked by every app. */
export interface AccessTokenClaims {
  /** Employee ID. */
  sub: string;
  /** Permissions granted through the employee's roles, e.g. `audit.read`. */
  perms: string[];
  /** Session version: bumped by logout, disable, password reset and role changes; older tokens stop working. */
  sv: number;
  /** The login session (refresh token family) the token was issued for. */
  sid?: string;
}

export const ACCESS_TOKEN_ISSUER = 'crm-auth';

/**
 * HS256 key for access tokens, derived from the master key so no extra secret has to be
 * distributed. Rotating the master key invalidates live tokens,
 * which are short-lived by design (JWT_TTL_SECONDS).
 */
export function accessTokenKey(config: CrmConfig): Buffer {
  return Buffer.from(
    hkdfSync('sha256', config.masterKeys.current.key, Buffer.from(config.namespace), Buffer.from('crm-access-token-v1'), 32),
  );
}
