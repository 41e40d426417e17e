import { describe, expect, it } from '@jest/globals';
import { normaliseEmail, normalisePhone } from './contact-normalisation.js';

const valueOf = (s: string) => {
  const r = normalisePhone(s);
  return r.ok ? r.value : null;
};

describe('normalisePhone', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['+86 (138) 0013 8000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['0086 138 0013 8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['86-138-0013-8000', '13800138000'],
    ['013800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋８６ １３８－００１３－８０００', '13800138000'],
    ['138.0013.8000', '13800138000'],
    ['  19912345678 ', '19912345678'],
    ['138–0013–8000', '13800138000'],
  ])('mobile %s → %s', (input, expected) => {
    expect(normalisePhone(input)).toEqual({ ok: true, value: expected, kind: 'mobile' });
  });

  it.each([
    ['010-12345678', '01012345678'],
    ['(010) 1234 5678', '01012345678'],
    ['+86 10 1234 5678', '01012345678'],
    ['+86 (0)10 1234 5678', '01012345678'],
    ['0086-10-12345678', '01012345678'],
    ['0755-2345 6789', '075523456789'],
    ['+86 755 23456789', '075523456789'],
    ['021 6234 5678', '02162345678'],
    ['0571-8765432', '05718765432'],
    ['8602162345678', '02162345678'],
  ])('landline %s → %s', (input, expected) => {
    expect(normalisePhone(input)).toEqual({ ok: true, value: expected, kind: 'landline' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['1380013800', 'one digit short'],
    ['138001380000', 'one digit long'],
    ['12800138000', '12x is not a mobile prefix'],
    ['23800138000', 'no trunk 0, not a mobile'],
    ['+1 415 555 0100', 'foreign'],
    ['+44 20 7946 0958', 'foreign'],
    ['138-0013-8000 ext 12', 'letters'],
    ['010-12345678-123', 'extension'],
    ['12345678', 'local number without area code'],
    ['138/0013/8000', 'slashes'],
    ['+86 +138 0013 8000', 'second plus'],
    ['00 1 415 555 0100', 'international prefix other than 0086'],
    ['0112345678', 'area code 11 does not exist'],
    ['2162345678', 'landline without its trunk 0 and without +86'],
  ])('refuses %s (%s)', (input) => {
    const r = normalisePhone(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/phone/);
  });

  it('gives one form for every way of writing one number', () => {
    const forms = ['+86 138-0013-8000', '13800138000', '0086 13800138000', '86 (138) 0013-8000', '１３８ ００１３ ８０００'];
    expect(new Set(forms.map(valueOf))).toEqual(new Set(['13800138000']));
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases the whole address', () => {
    expect(normaliseEmail('  Li.Lei@Example.COM ')).toBe('li.lei@example.com');
    expect(normaliseEmail('ZHANG@QQ.com')).toBe('zhang@qq.com');
  });

  it('keeps dots and plus tags (different mailboxes at many providers)', () => {
    expect(normaliseEmail('li.lei+cn@example.com')).toBe('li.lei+cn@example.com');
    expect(normaliseEmail('li.lei@example.com')).not.toBe(normaliseEmail('lilei@example.com'));
  });

  it('folds full-width characters typed with a Chinese input method', () => {
    expect(normaliseEmail('ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('li@example.com');
  });
});
