import { describe, expect, it } from '@jest/globals';
import { StampedCache } from './stamped-cache.js';

describe('StampedCache', () => {
  it('loads once per stamp and again when the stamp changes', async () => {
    const cache = new StampedCache<string>();
    let loads = 0;
    const load = async () => `rules-${++loads}`;
    expect(await cache.get('1/1', load)).toBe('rules-1');
    expect(await cache.get('1/1', load)).toBe('rules-1');
    expect(await cache.get('1/2', load)).toBe('rules-2');
    expect(await cache.get('1/2', load)).toBe('rules-2');
    // A stamp seen before is not trusted: only the last one is kept.
    expect(await cache.get('1/1', load)).toBe('rules-3');
    expect(loads).toBe(3);
  });

  it('shares a load in flight and forgets a failed one', async () => {
    const cache = new StampedCache<number>();
    let loads = 0;
    const failing = async () => {
      loads++;
      throw new Error('lost connection');
    };
    const a = cache.get('s', failing);
    const b = cache.get('s', failing);
    await expect(a).rejects.toThrow('lost connection');
    await expect(b).rejects.toThrow('lost connection');
    expect(loads).toBe(1);
    expect(await cache.get('s', async () => 7)).toBe(7);
  });
});
