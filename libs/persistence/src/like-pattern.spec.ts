import { describe, expect, it } from '@jest/globals';
import { globToLike, isGlob } from './like-pattern.js';

describe('globToLike', () => {
  it('maps * to % and keeps the literal prefix', () => {
    expect(globToLike('service.workorder*')).toEqual({ like: 'service.workorder%', prefix: 'service.workorder' });
    expect(globToLike('*workorder*v1')).toEqual({ like: '%workorder%v1', prefix: '' });
  });

  it("escapes the value's own SQL wildcards and the escape character", () => {
    expect(globToLike('100%_off\\*')).toEqual({ like: '100\\%\\_off\\\\%', prefix: '100%_off\\' });
    expect(globToLike('%')).toEqual({ like: '\\%', prefix: '%' });
  });

  it('treats a value without * as no wildcard search', () => {
    expect(isGlob('EOMS')).toBe(false);
    expect(isGlob('EO*')).toBe(true);
    expect(isGlob(5)).toBe(false);
  });
});
