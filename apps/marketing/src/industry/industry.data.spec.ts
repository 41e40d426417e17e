import { describe, expect, it } from '@jest/globals';
import { GBT4754_DIVISIONS, GBT4754_SECTIONS, gbt4754Rows, sectionOfDivision } from './1765000310000-industry.data.js';
import { normaliseIndustryCode } from './industry-code.js';

/** The section boundaries of GB/T 4754-2017, as the standard prints them. */
const BOUNDS: Record<string, [number, number]> = {
  A: [1, 5],
  B: [6, 12],
  C: [13, 43],
  D: [44, 46],
  E: [47, 50],
  F: [51, 52],
  G: [53, 60],
  H: [61, 62],
  I: [63, 65],
  J: [66, 69],
  K: [70, 70],
  L: [71, 72],
  M: [73, 75],
  N: [76, 79],
  O: [80, 82],
  P: [83, 83],
  Q: [84, 85],
  R: [86, 90],
  S: [91, 96],
  T: [97, 97],
};

describe('GB/T 4754-2017 data', () => {
  it('has the 20 sections A–T with their division ranges, contiguous from 01 to 97', () => {
    expect(GBT4754_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    for (const s of GBT4754_SECTIONS) expect([s.first, s.last]).toEqual(BOUNDS[s.code]);
    GBT4754_SECTIONS.forEach((s, i) => expect(s.first).toBe(i === 0 ? 1 : GBT4754_SECTIONS[i - 1]!.last + 1));
    expect(GBT4754_SECTIONS.at(-1)!.last).toBe(97);
  });

  it('has the 97 divisions 01–97, unique, in order, each named in both languages', () => {
    expect(GBT4754_DIVISIONS).toHaveLength(97);
    expect(GBT4754_DIVISIONS.map(([d]) => d)).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
    for (const [, zh, en] of GBT4754_DIVISIONS) {
      expect(zh).toMatch(/^[\u4e00-\u9fff、，（）]+$/);
      expect(en).toMatch(/^[A-Z][A-Za-z ,'-]+$/);
    }
  });

  it('stores 117 unique codes, each division inside its section', () => {
    const rows = gbt4754Rows();
    expect(rows).toHaveLength(117);
    expect(new Set(rows.map((r) => r.code)).size).toBe(117);
    expect(rows.filter((r) => r.level === 'section')).toHaveLength(20);
    for (const r of rows.filter((x) => x.level === 'division')) {
      const n = Number(r.code.slice(1));
      const [first, last] = BOUNDS[r.section]!;
      expect(r.code[0]).toBe(r.section);
      expect(n >= first && n <= last).toBe(true);
    }
    expect(rows.find((r) => r.code === 'I65')).toMatchObject({
      nameZh: '软件和信息技术服务业',
      nameEn: 'Software and Information Technology Services',
    });
    expect(rows.find((r) => r.code === 'C39')).toMatchObject({ nameZh: '计算机、通信和其他电子设备制造业' });
    expect(rows.find((r) => r.code === 'T97')).toMatchObject({ nameZh: '国际组织' });
  });

  it('maps a division to its section', () => {
    expect(sectionOfDivision('65')?.code).toBe('I');
    expect(sectionOfDivision('43')?.code).toBe('C');
    expect(sectionOfDivision('44')?.code).toBe('D');
    expect(sectionOfDivision('98')).toBeUndefined();
    expect(sectionOfDivision('00')).toBeUndefined();
  });
});

describe('normaliseIndustryCode', () => {
  it('accepts a section, a division with or without its letter', () => {
    expect(normaliseIndustryCode('I')).toBe('I');
    expect(normaliseIndustryCode('i')).toBe('I');
    expect(normaliseIndustryCode('I65')).toBe('I65');
    expect(normaliseIndustryCode('65')).toBe('I65');
    expect(normaliseIndustryCode('01')).toBe('A01');
  });

  it('refuses a division under another letter, an unknown division or section with 4220 naming the field', () => {
    for (const bad of ['C65', '98', '00', 'U', 'I6', 'I651', '']) {
      try {
        normaliseIndustryCode(bad);
        throw new Error(`accepted ${bad}`);
      } catch (e) {
        expect(e).toMatchObject({ code: 4220, details: [{ field: 'industryCode' }] });
      }
    }
  });
});
