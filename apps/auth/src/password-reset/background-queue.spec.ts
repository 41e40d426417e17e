import { describe, expect, it } from '@jest/globals';
import { BackgroundQueue } from './background-queue.js';

describe('BackgroundQueue', () => {
  it('runs jobs in order, one at a time, and survives a failing job', async () => {
    const q = new BackgroundQueue();
    const seen: string[] = [];
    let running = 0;
    const job =
      (name: string, fail = false) =>
      async () => {
        running++;
        expect(running).toBe(1);
        await new Promise((r) => setImmediate(r));
        seen.push(name);
        running--;
        if (fail) throw new Error('boom');
      };
    q.enqueue('a', job('a'));
    q.enqueue('b', job('b', true));
    q.enqueue('c', job('c'));
    await q.drain();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(q.pending).toBe(0);
  });

  it('drops jobs beyond its limit instead of growing', async () => {
    const q = new BackgroundQueue(2);
    let ran = 0;
    for (let i = 0; i < 5; i++) q.enqueue('j', async () => void ran++);
    await q.drain();
    expect(ran).toBe(2);
  });
});
