import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

function findRoot(): string {
  let dir = new URL('.', import.meta.url).pathname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}
const ROOT = findRoot();

/**
 * `npm start` run as an operator runs it (through npm, so signals take npm's path to the
 * supervisor), its output kept for the assertions. Uses the npm that runs the tests when there is
 * one (`npm run test:faults`), else the `npm` on PATH.
 */
export class StartProcess {
  private out = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => (this.out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.out += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static spawn(env: NodeJS.ProcessEnv): StartProcess {
    const npm = process.env.npm_execpath;
    const [cmd, args] = npm && /npm-cli\.js$/.test(npm) ? [process.execPath, [npm, 'start']] : ['npm', ['start']];
    return new StartProcess(spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The supervisor's own lines (`[start] …`). */
  lines(): string[] {
    return this.out.split('\n').filter((l) => l.startsWith('[start] '));
  }

  output(): string {
    return this.out;
  }

  /** Waits for a supervisor line matching `re` (after the first `skip` matches) and returns its match. */
  async waitFor(re: RegExp, timeoutMs: number, skip = 0): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines()
        .map((l) => l.match(re))
        .filter((m): m is RegExpMatchArray => m !== null);
      if (found.length > skip) return found[skip];
      if (Date.now() > deadline || this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`no line ${re} within ${timeoutMs} ms; supervisor said:\n${this.lines().join('\n')}\n${this.out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The app pids named by the "all healthy" line, updated by later "is back" lines. */
  appPids(): Record<string, number> {
    const pids: Record<string, number> = {};
    for (const l of this.lines()) {
      for (const m of l.matchAll(/(\w+) :\d+ \(pid (\d+)\)/g)) pids[m[1]] = Number(m[2]);
      const back = /(\w+) is back: .*\(pid (\d+)\)/.exec(l);
      if (back) pids[back[1]] = Number(back[2]);
    }
    return pids;
  }

  /** The supervisor's own pid (scripts/start.mjs, under npm). */
  supervisorPid(): number | null {
    const m = this.lines()
      .map((l) => /supervisor pid (\d+)/.exec(l))
      .find(Boolean);
    return m ? Number(m[1]) : null;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ port }, () => s.close(() => resolve(true)));
  });
}
