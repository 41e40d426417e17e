import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { claimPort, freePort, PORT_CLAIMS_DIR, releasePort } from '../support/ports.js';

/**
 * The test harness's port claims (`test/support/ports.ts`), which keep the two jest workers' stacks
 * off each other's ports: claimed once, given back, a dead process's claim taken over, a live one
 * never.
 */

/** A pid no process has now: a child that already exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;
/** A port number in the claims' range that this test owns for its duration. */
const scratch: number[] = [];
const file = (port: number) => join(PORT_CLAIMS_DIR, String(port));

afterEach(() => {
  for (const port of scratch.splice(0)) releasePort(port);
});

describe('test port claims', () => {
  it('freePort gives a bindable port below the ephemeral range, claimed by this process until released', async () => {
    const port = await freePort();
    scratch.push(port);
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThan(32_000);
    expect(readFileSync(file(port), 'utf8')).toBe(String(process.pid));
    await new Promise<void>((resolve, reject) => {
      const s = createServer().once('error', reject);
      s.listen(port, () => s.close(() => resolve()));
    });
    releasePort(port);
    scratch.pop();
    expect(existsSync(file(port))).toBe(false);
  });

  it('a claim another live process holds is not taken; one a dead process left is', async () => {
    const port = await freePort(); // a number nobody else claims now
    scratch.push(port);
    writeFileSync(file(port), String(process.ppid)); // the jest parent: alive
    expect(claimPort(port)).toBe(false);
    expect(readFileSync(file(port), 'utf8')).toBe(String(process.ppid));
    writeFileSync(file(port), String(deadPid()));
    expect(claimPort(port)).toBe(true);
    expect(readFileSync(file(port), 'utf8')).toBe(String(process.pid));
  });

  it('a stale claim another process is taking over is left to it', async () => {
    const port = await freePort();
    scratch.push(port);
    writeFileSync(file(port), String(deadPid()));
    mkdirSync(`${file(port)}.takeover`);
    try {
      expect(claimPort(port)).toBe(false);
    } finally {
      rmdirSync(`${file(port)}.takeover`);
    }
    expect(claimPort(port)).toBe(true);
  });
});
