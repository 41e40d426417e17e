import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * TCP ports for the apps, broker nodes and database servers the suites start. Two things made a
 * port from `listen(0)` unsafe: (1) it lies in Linux's ephemeral range (32768–60999), so any outgoing
 * connection may take it between the choice and the app's `listen`; (2) a suite in the other jest
 * worker may be handed the same port once it is released. The app then cannot listen and exits,
 * while the other suite's app answers the health check in its place. So ports come from below the
 * ephemeral range, and each is claimed across processes with an exclusive file until released (or
 * until the claiming process is gone).
 */
export const PORT_CLAIMS_DIR = join(tmpdir(), 'crm-test-ports');
const DIR = PORT_CLAIMS_DIR;
const LOW = 20_000;
const HIGH = 32_000;
const held = new Set<number>();

process.once('exit', () => {
  for (const port of held) unclaim(port);
});

/** A TCP port nobody listens on and no other test process holds; `releasePort` gives it back. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 500; tries++) {
    const port = randomInt(LOW, HIGH);
    if (held.has(port) || !claimPort(port)) continue;
    if (await bindable(port)) {
      held.add(port);
      return port;
    }
    unclaim(port);
  }
  throw new Error(`no free TCP port in ${LOW}-${HIGH} after 500 tries (claims in ${DIR})`);
}

export function releasePort(port: number): void {
  if (held.delete(port)) unclaim(port);
}

/** Claims `port` for this process: a new claim file, or one a dead process left. Exported for its test. */
export function claimPort(port: number): boolean {
  const file = join(DIR, String(port));
  mkdirSync(DIR, { recursive: true });
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return takeOver(file);
}

/**
 * A claim left by a process that died (a killed worker) is taken over under a lock (`mkdir` is
 * atomic), its owner read again under it: two processes finding the same stale claim cannot both
 * take it. The file is overwritten, never removed, so a plain claim meanwhile sees it taken.
 */
function takeOver(file: string): boolean {
  const lock = `${file}.takeover`;
  try {
    mkdirSync(lock);
  } catch {
    return false; // another process is taking it over (or died doing so: the port is skipped)
  }
  try {
    if (processAlive(ownerOf(file))) return false;
    writeFileSync(file, String(process.pid));
    return true;
  } finally {
    rmdirSync(lock);
  }
}

/** The pid in a claim file; null when it is gone (released meanwhile) or unreadable. */
function ownerOf(file: string): number | null {
  try {
    return Number(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function unclaim(port: number): void {
  try {
    unlinkSync(join(DIR, String(port)));
  } catch {
    /* already gone */
  }
}

/** A live process? (signal 0 only asks; EPERM: alive, another user's.) */
export function processAlive(pid: number | null | undefined): boolean {
  if (!pid || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    // All interfaces, as the apps listen: a port taken on any address is not free.
    s.listen(port, () => s.close(() => resolve(true)));
  });
}
