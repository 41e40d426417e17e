import { hashSecret, verifySecret } from '../caller/password-hasher.js';
import { normalizePassword } from './password-policy.js';

/** argon2id (ASVS parameters, see caller/password-hasher.ts) over the NFKC form of an employee password. */
export function hashPassword(password: string): Promise<string> {
  return hashSecret(normalizePassword(password));
}

/**
 * Verifies the NFKC form; a hash written from the raw form (before normalisation was applied
 * everywhere) still verifies, at the cost of a second check only for non-normalised input.
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const normalized = normalizePassword(password);
  if (await verifySecret(hash, normalized)) return true;
  return normalized !== password ? verifySecret(hash, password) : false;
}
