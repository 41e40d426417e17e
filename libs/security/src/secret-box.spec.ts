import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SecretBox, SecretBoxError } from './secret-box.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

describe('SecretBox', () => {
  it('round-trips and never stores the plaintext', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal('s3cret-password', 'service/eoms');
    expect(sealed.keyId).toBe('k1');
    expect(JSON.stringify(sealed)).not.toContain('s3cret-password');
    expect(box.open(sealed, 'service/eoms')).toBe('s3cret-password');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox(k1);
    expect(box.seal('x', 'a/b').iv).not.toBe(box.seal('x', 'a/b').iv);
  });

  it('rejects tampered ciphertext', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal('s3cret', 'service/eoms');
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] ^= 1;
    expect(() => box.open({ ...sealed, ciphertext: bytes.toString('base64') }, 'service/eoms')).toThrow(SecretBoxError);
  });

  it('rejects a tampered tag', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal('s3cret', 'service/eoms');
    expect(() => box.open({ ...sealed, tag: Buffer.alloc(16).toString('base64') }, 'service/eoms')).toThrow(SecretBoxError);
  });

  it('rejects an unknown key id and a relabelled key id', () => {
    const box = new SecretBox(k1, [k2]);
    const sealed = box.seal('s3cret', 'service/eoms');
    expect(() => box.open({ ...sealed, keyId: 'k9' }, 'service/eoms')).toThrow(/no key with id "k9"/);
    expect(() => box.open({ ...sealed, keyId: 'k2' }, 'service/eoms')).toThrow(SecretBoxError);
  });

  it('rejects a record swapped onto another target', () => {
    const box = new SecretBox(k1);
    const eoms = box.seal('eoms-secret', 'service/eoms');
    expect(() => box.open(eoms, 'service/auth')).toThrow(SecretBoxError);
  });

  it('reseals under the new key and keeps old keys readable for rotation', () => {
    const old = new SecretBox(k1);
    const sealed = old.seal('s3cret', 'audit/auth');
    const rotated = new SecretBox(k2, [k1]);
    const resealed = rotated.reseal(sealed, 'audit/auth');
    expect(resealed.keyId).toBe('k2');
    expect(new SecretBox(k2).open(resealed, 'audit/auth')).toBe('s3cret');
  });

  it('never puts key material or plaintext into its errors', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal('s3cret', 'service/eoms');
    try {
      box.open({ ...sealed, tag: Buffer.alloc(16).toString('base64') }, 'service/eoms');
      throw new Error('should have failed');
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).not.toContain(k1.key.toString('base64'));
      expect(msg).not.toContain(sealed.ciphertext);
      expect(msg).not.toContain('s3cret');
    }
  });
});
