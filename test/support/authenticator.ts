import { HOTP, Secret } from 'otpauth';

/**
 * What an employee's authenticator app computes, written on `otpauth` rather than imported from
 * auth's internals: the tests check the app against an implementation that is not its own code.
 */
export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 30_000);
}

export function totpAt(secretBase32: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(secretBase32), counter: step, digits: 6, algorithm: 'SHA1' });
}

export function base32Decode(text: string): Buffer {
  return Buffer.from(Secret.fromBase32(text).bytes);
}
