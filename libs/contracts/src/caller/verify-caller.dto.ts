import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Internal: an app asks `auth` to check a caller's credentials it has not verified yet. */
export const CALLER_VERIFY_V1 = 'auth.caller.verify.v1';

export class VerifyCallerDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  password: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  source?: string;
}

/** What an app may remember about a verified credential (never the password). */
export interface CallerProfile {
  name: string;
  allow: string[];
  sources: string[] | null;
  /** This password stops working at this instant (expiry or end of a rotation overlap). */
  validUntil: string;
}

export type VerifyCallerResult = { ok: true; profile: CallerProfile } | { ok: false; code: number };
