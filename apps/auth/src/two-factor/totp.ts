import { HOTP, Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226) with the parameters every authenticator app supports:
 * HMAC-SHA-1, 30-second steps, 6 digits. The codes, base32 and the window check come from `otpauth`
 * (maintained, no dependencies, constant-time comparison); `TOTP.validate` returns the matched
 * step's offset, which is what login needs to refuse a replayed code.
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Accepted clock drift, in steps either side of now. */
export const TOTP_WINDOW = 1;

export function base32Encode(buf: Buffer): string {
  return new Secret({ buffer: Uint8Array.from(buf).buffer }).base32;
}

/** Lenient about case, spaces, dashes and padding, as people type secrets. */
export function base32Decode(text: string): Buffer {
  return Buffer.from(Secret.fromBase32(text.toUpperCase().replace(/[\s=-]/g, '')).bytes);
}

/** 160-bit secret (RFC 4226 §4 recommends the HMAC output length), base32 as authenticator apps expect. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  return HOTP.generate({
    secret: new Secret({ buffer: Uint8Array.from(key).buffer }),
    counter,
    digits,
    algorithm: algorithm.toUpperCase(),
  });
}

export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

export function totpAt(secretBase32: string, step: number): string {
  return hotp(base32Decode(secretBase32), step);
}

/** The time step `code` belongs to, within ±TOTP_WINDOW of now, or null. */
export function matchTotp(secretBase32: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const secret = Secret.fromBase32(secretBase32.toUpperCase().replace(/[\s=-]/g, ''));
  const delta = TOTP.validate({
    token: code,
    secret,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_STEP_SECONDS,
    timestamp: nowMs,
    window: TOTP_WINDOW,
  });
  return delta === null ? null : timeStep(nowMs) + delta;
}

/** Key URI format understood by Google Authenticator, FreeOTP, Authy … (rendered as a QR code by clients). */
export function otpauthUri(issuer: string, account: string, secretBase32: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({
    secret: secretBase32,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${q.toString()}`;
}
