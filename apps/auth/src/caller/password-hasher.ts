import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** OWASP Password Storage Cheat Sheet / ASVS 5 baseline for argon2id: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashSecret(secret: string): Promise<string> {
  return argon2.hash(secret, ARGON2_OPTIONS);
}

export async function verifySecret(hash: string, secret: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, secret);
  } catch {
    return false;
  }
}

/** 256 bits from the OS CSPRNG, URL-safe so partners can paste it into any config file. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

let dummyHash: Promise<string> | undefined;
/** A real hash of a random secret: verifying against it costs what a real check costs. */
export function dummySecretHash(): Promise<string> {
  dummyHash ??= hashSecret(generateSecret());
  return dummyHash;
}
