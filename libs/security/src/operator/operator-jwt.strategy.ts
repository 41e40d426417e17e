import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { CrmConfig } from '@crm/config';
import { CRM_CONFIG } from '@crm/config';
import { ACCESS_TOKEN_ISSUER, accessTokenKey } from '../access-token.js';
import { ActorVerifier } from '../actor-verifier.js';
import type { Operator } from './operator.js';

export const OPERATOR_JWT = 'operator-jwt';

/** Reads a verified token's claims; anything not shaped like AccessTokenClaims is no operator. */
export function operatorFromClaims(claims: unknown): Operator | false {
  if (typeof claims !== 'object' || claims === null) return false;
  const { sub, perms } = claims as { sub?: unknown; perms?: unknown };
  if (typeof sub !== 'string' || sub === '' || !Array.isArray(perms) || !perms.every((p) => typeof p === 'string')) return false;
  return { employeeId: sub, permissions: perms as string[] };
}

/**
 * Employee access tokens from `auth` (`Authorization: Bearer`), HS256 with the key every app
 * derives from the master key; issuer and expiry are enforced. Then the employee's live state:
 * a disabled or logged-out employee's token fails at once, and permissions are those held now.
 */
@Injectable()
export class OperatorJwtStrategy extends PassportStrategy(Strategy, OPERATOR_JWT) {
  constructor(
    @Inject(CRM_CONFIG) config: CrmConfig,
    @Inject(ActorVerifier) private readonly actors: ActorVerifier,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: accessTokenKey(config),
      algorithms: ['HS256'],
      issuer: ACCESS_TOKEN_ISSUER,
      ignoreExpiration: false,
    });
  }

  async validate(claims: unknown): Promise<Operator | false> {
    if (!operatorFromClaims(claims)) return false;
    const actor = await this.actors.verifyClaims(claims);
    return { employeeId: actor.employeeId, permissions: actor.permissions };
  }
}
