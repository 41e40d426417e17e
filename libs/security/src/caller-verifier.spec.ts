import { describe, expect, it } from '@jest/globals';
import { CrmError, ErrorCode, type CallerProfile } from '@crm/contracts';
import { CallerDirectory } from './caller-directory.js';
import { CallerVerifier } from './caller-verifier.js';
import { CredentialCache } from './credential-cache.js';
import { compilePatternGlobs, sourceAllowed } from './pattern-glob.js';

class FakeDirectory extends CallerDirectory {
  calls = 0;
  constructor(private readonly impl: (name: string, pw: string) => CallerProfile) {
    super();
  }
  async verify(name: string, password: string): Promise<CallerProfile> {
    this.calls++;
    return this.impl(name, password);
  }
}

const eoms: CallerProfile = { name: 'EOMS', allow: ['service.workorder.*'], sources: null, validUntil: '2999-01-01T00:00:00Z' };

async function codeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    return (e as CrmError).code;
  }
}

describe('CallerVerifier', () => {
  it('answers 4001 when caller or password is missing or not a string', async () => {
    const v = new CallerVerifier(new CredentialCache(1000), new FakeDirectory(() => eoms));
    expect(await codeOf(v.verify(undefined, 'x', 'p', null))).toBe(ErrorCode.CredentialsMissing);
    expect(await codeOf(v.verify('EOMS', undefined, 'p', null))).toBe(ErrorCode.CredentialsMissing);
    expect(await codeOf(v.verify('EOMS', 42, 'p', null))).toBe(ErrorCode.CredentialsMissing);
    expect(await codeOf(v.verify('', '', 'p', null))).toBe(ErrorCode.CredentialsMissing);
  });

  it('a credential remembered for one source still goes to the directory for another (each source resets its own count there)', async () => {
    const dir = new FakeDirectory(() => eoms);
    const v = new CallerVerifier(new CredentialCache(60_000), dir);
    await v.verify('EOMS', 'pw', 'service.workorder.query.v1', 'eoms-a');
    await v.verify('EOMS', 'pw', 'service.workorder.query.v1', 'eoms-a');
    expect(dir.calls).toBe(1);
    await v.verify('EOMS', 'pw', 'service.workorder.query.v1', 'eoms-b');
    expect(dir.calls).toBe(2);
  });

  it('asks the directory once, then serves from memory', async () => {
    const dir = new FakeDirectory(() => eoms);
    const v = new CallerVerifier(new CredentialCache(60_000), dir);
    await v.verify('EOMS', 'pw', 'service.workorder.dispatch.v1', null);
    await v.verify('EOMS', 'pw', 'service.workorder.query.v1', null);
    expect(dir.calls).toBe(1);
  });

  it('coalesces concurrent misses for the same credential into one directory check', async () => {
    const dir = new FakeDirectory(() => eoms);
    const v = new CallerVerifier(new CredentialCache(60_000), dir);
    await Promise.all(Array.from({ length: 64 }, () => v.verify('EOMS', 'pw', 'service.workorder.dispatch.v1', null)));
    expect(dir.calls).toBe(1);
  });

  it('does not coalesce different passwords', async () => {
    const dir = new FakeDirectory(() => eoms);
    const v = new CallerVerifier(new CredentialCache(60_000), dir);
    await Promise.all([
      v.verify('EOMS', 'a', 'service.workorder.query.v1', null),
      v.verify('EOMS', 'b', 'service.workorder.query.v1', null),
    ]);
    expect(dir.calls).toBe(2);
  });

  it('goes back to the directory after the cache forgets the caller', async () => {
    const dir = new FakeDirectory(() => eoms);
    const cache = new CredentialCache(60_000);
    const v = new CallerVerifier(cache, dir);
    await v.verify('EOMS', 'pw', 'service.workorder.dispatch.v1', null);
    cache.forget('EOMS');
    await v.verify('EOMS', 'pw', 'service.workorder.dispatch.v1', null);
    expect(dir.calls).toBe(2);
  });

  it('a wrong password the directory refuses makes this process forget the caller, so the next good call reaches auth and resets its count', async () => {
    const dir = new FakeDirectory((_name, pw) => {
      if (pw !== 'pw') throw new CrmError(ErrorCode.InvalidCredentials);
      return eoms;
    });
    const v = new CallerVerifier(new CredentialCache(60_000), dir);
    await v.verify('EOMS', 'pw', 'service.workorder.query.v1', null);
    await v.verify('EOMS', 'pw', 'service.workorder.query.v1', null);
    expect(dir.calls).toBe(1);
    expect(await codeOf(v.verify('EOMS', 'wrong', 'service.workorder.query.v1', null))).toBe(ErrorCode.InvalidCredentials);
    await v.verify('EOMS', 'pw', 'service.workorder.query.v1', null);
    expect(dir.calls).toBe(3);
    await v.verify('EOMS', 'pw', 'service.workorder.query.v1', null);
    expect(dir.calls).toBe(3);
  });

  it('other refusals (a disabled caller, the directory unreachable) keep what is remembered for the caller', async () => {
    let refuse = 0;
    const dir = new FakeDirectory((_name, pw) => {
      if (pw === 'other') throw new CrmError(refuse);
      return eoms;
    });
    const v = new CallerVerifier(new CredentialCache(60_000), dir);
    await v.verify('EOMS', 'pw', 'service.workorder.query.v1', null);
    for (refuse of [ErrorCode.CallerDisabled, ErrorCode.Unavailable]) {
      expect(await codeOf(v.verify('EOMS', 'other', 'service.workorder.query.v1', null))).toBe(refuse);
      await v.verify('EOMS', 'pw', 'service.workorder.query.v1', null);
    }
    expect(dir.calls).toBe(3);
  });

  it('passes directory rejections through and caches nothing for them', async () => {
    const dir = new FakeDirectory(() => {
      throw new CrmError(ErrorCode.InvalidCredentials);
    });
    const v = new CallerVerifier(new CredentialCache(60_000), dir);
    expect(await codeOf(v.verify('EOMS', 'bad', 'service.workorder.dispatch.v1', null))).toBe(ErrorCode.InvalidCredentials);
    expect(await codeOf(v.verify('EOMS', 'bad', 'service.workorder.dispatch.v1', null))).toBe(ErrorCode.InvalidCredentials);
    expect(dir.calls).toBe(2);
  });

  it('answers 4030 for a pattern outside the globs, even from cache', async () => {
    const v = new CallerVerifier(new CredentialCache(60_000), new FakeDirectory(() => eoms));
    expect(await codeOf(v.verify('EOMS', 'pw', 'sales.account.create.v1', null))).toBe(ErrorCode.Forbidden);
    expect(await codeOf(v.verify('EOMS', 'pw', 'sales.account.create.v1', null))).toBe(ErrorCode.Forbidden);
  });

  it('answers 4006 for a source outside the allow-list', async () => {
    const v = new CallerVerifier(new CredentialCache(60_000), new FakeDirectory(() => ({ ...eoms, sources: ['eoms-user'] })));
    expect(await codeOf(v.verify('EOMS', 'pw', 'service.workorder.query.v1', 'intruder'))).toBe(ErrorCode.SourceNotAllowed);
    expect(await codeOf(v.verify('EOMS', 'pw', 'service.workorder.query.v1', 'eoms-user'))).toBe(0);
  });

  it('rejects oversized names without asking the directory', async () => {
    const dir = new FakeDirectory(() => eoms);
    const v = new CallerVerifier(new CredentialCache(60_000), dir);
    expect(await codeOf(v.verify('x'.repeat(65), 'pw', 'p', null))).toBe(ErrorCode.InvalidCredentials);
    expect(dir.calls).toBe(0);
  });
});

describe('pattern globs and sources', () => {
  it('star spans dots, literal dots stay literal', () => {
    const m = compilePatternGlobs(['service.workorder.*']);
    expect(m('service.workorder.dispatch.v1')).toBe(true);
    expect(m('service.workorderXdispatch')).toBe(false);
    expect(m('sales.workorder.dispatch.v1')).toBe(false);
    expect(compilePatternGlobs(['auth.caller.verify.v1'])('auth.caller.verify.v2')).toBe(false);
  });

  it('regex metacharacters in globs are inert', () => {
    expect(compilePatternGlobs(['a+b'])('aab')).toBe(false);
  });

  it('source lists: empty allows all, prefixes end in *', () => {
    expect(sourceAllowed(null, null)).toBe(true);
    expect(sourceAllowed(['10.1.*'], '10.1.2.3')).toBe(true);
    expect(sourceAllowed(['10.1.*'], '10.2.0.1')).toBe(false);
    expect(sourceAllowed(['eoms'], null)).toBe(false);
  });
});
