import { describe, expect, it } from '@jest/globals';
import { BackupRepository } from './backup.repository.js';

/** A repository over a fixed set of completed backups (first_seq, last_seq). */
function over(backups: Array<[number, number]>): BackupRepository {
  return new BackupRepository(async (_sql, params) => {
    const [, from, to] = params as [string, number, number];
    return backups
      .filter(([f, l]) => l >= from && f <= to)
      .sort((a, b) => a[0] - b[0])
      .map(([f, l]) => ({ first_seq: String(f), last_seq: String(l) }));
  });
}

describe('BackupRepository.firstUncovered', () => {
  it('is null when backups cover the range, overlapping or not', async () => {
    expect(
      await over([
        [1, 5],
        [6, 15],
      ]).firstUncovered('calls', 1, 15),
    ).toBeNull();
    expect(
      await over([
        [1, 10],
        [4, 20],
      ]).firstUncovered('calls', 3, 18),
    ).toBeNull();
  });

  it('names the first hole', async () => {
    expect(
      await over([
        [1, 5],
        [9, 15],
      ]).firstUncovered('calls', 1, 15),
    ).toEqual({ from: 6, to: 8 });
    expect(await over([[1, 5]]).firstUncovered('calls', 1, 15)).toEqual({ from: 6, to: 15 });
    expect(await over([]).firstUncovered('calls', 6, 15)).toEqual({ from: 6, to: 15 });
    expect(await over([[8, 20]]).firstUncovered('calls', 6, 15)).toEqual({ from: 6, to: 7 });
  });

  it('has nothing to cover in an empty range', async () => {
    expect(await over([]).firstUncovered('calls', 16, 15)).toBeNull();
  });
});
