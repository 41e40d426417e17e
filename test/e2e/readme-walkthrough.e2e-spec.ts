import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ALL_APPS, Stack, waitFor } from '../support/stack.js';

/**
 * The README's walk-throughs, run as a newcomer runs them: every ```bash walkthrough=<name> block of
 * README.md, in order, pasted into one bash (`set -euo pipefail`) in the repository, against a fresh
 * installation. Only the base URLs and the namespace's environment are set from outside, as the README
 * says one may. If a step of the README stops working, this fails with the shell's output.
 */

jest.setTimeout(600_000);

const ROOT = new URL('../..', import.meta.url).pathname;
/** The walk-throughs the README must keep, in the order they build on each other. */
const EXPECTED = ['setup', 'admin', 'partner', 'everyday', 'sales', 'marketing', 'service', 'auditor', 'offboarding'];
/** Variables the blocks capture, read back after the run for the assertions below. */
const CAPTURED = ['ADMIN1', 'ADMIN2', 'LI', 'LI_SECRET', 'ORDER', 'ACCOUNT', 'OPPORTUNITY', 'CAMPAIGN', 'LEAD', 'CASE', 'AU'];

function walkthroughBlocks(markdown: string): { name: string; code: string }[] {
  return [...markdown.matchAll(/^```bash walkthrough=([\w-]+)\n([\s\S]*?)^```$/gm)].map((m) => ({ name: m[1], code: m[2] }));
}

let stack: Stack;
let run: { code: number | null; output: string; vars: Record<string, string> };

function runBash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => out.push(d.toString()));
    child.on('close', (code) => resolve({ code, output: out.join('') }));
  });
}

beforeAll(async () => {
  // One app after the other: all five at once can miss the health deadline on a busy machine
  // (CRM_TEST_START_TIMEOUT_MS raises that deadline).
  const stackStarted = Date.now();
  stack = await Stack.start({ apps: [] });
  for (const app of ALL_APPS) await stack.startApp(app);

  const blocks = walkthroughBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'walkthrough-'));
  const resultFile = join(dir, 'vars');
  const timesFile = join(dir, 'times');
  const script = [
    'set -euo pipefail',
    // Errors inside $(...) in the README's shell functions stop the run too.
    'shopt -s inherit_errexit',
    `trap 'echo "!! failed at line $LINENO: $BASH_COMMAND" >&2' ERR`,
    // Each block's seconds in the summary line: which one to make leaner when the suite gets slow.
    ...blocks.map(
      (b) =>
        `echo "### walkthrough=${b.name}" >&2\nSTARTED_AT=$SECONDS\n${b.code}\necho "${b.name} $((SECONDS - STARTED_AT)) s" >> '${timesFile}'`,
    ),
    `for v in ${CAPTURED.join(' ')}; do printf '%s=%s\\n' "$v" "\${!v-}"; done > '${resultFile}'`,
  ].join('\n');
  const env = {
    ...stack.env,
    AUTH: stack.url('auth'),
    AUDIT: stack.url('audit'),
    // `node` and npm scripts on the project's Node 24, as npm start gives them.
    PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`,
  };
  const started = Date.now();
  const result = await runBash(script, env);
  let vars: Record<string, string> = {};
  try {
    vars = Object.fromEntries(
      readFileSync(resultFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  } catch {
    /* the run stopped before the end; its output says where */
  }
  const times = existsSync(timesFile) ? readFileSync(timesFile, 'utf8').trim().split('\n').join(', ') : '';
  rmSync(dir, { recursive: true, force: true });
  run = { ...result, vars };
  process.stderr.write(
    `README walk-through ran in ${Math.round((Date.now() - started) / 1000)} s (${times}), exit ${result.code}; ` +
      `the stack started in ${Math.round((started - stackStarted) / 1000)} s\n`,
  );
}, 900_000);

afterAll(async () => {
  await stack?.stop();
});

async function asAdmin(path: string): Promise<any> {
  const res = await fetch(`${stack.url(path.startsWith('/audit') ? 'audit' : 'auth')}${path}`, {
    headers: { authorization: `Bearer ${await stack.adminToken()}` },
  });
  return res.json();
}

describe('README walk-throughs', () => {
  it('marks every walk-through block', () => {
    expect(walkthroughBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8')).map((b) => b.name)).toEqual(EXPECTED);
  });

  it('run line by line in bash without an error', () => {
    if (run.code !== 0) throw new Error(`the README walk-through failed (exit ${run.code}):\n${run.output.slice(-8000)}`);
    for (const v of CAPTURED) expect([v, run.vars[v]]).toEqual([v, expect.stringMatching(/\S/)]);
  });

  it('leave what they say: an onboarded employee with 2FA on a role that requires it, then offboarded', async () => {
    expect(run.vars.LI).toMatch(/^E\d+$/);
    const roles = (await asAdmin('/auth/roles')) as any[];
    expect(roles.find((r) => r.name === 'sales')).toMatchObject({ twoFactorRequired: true });
    const shown = await stack.cli(['employee', 'show', run.vars.LI]);
    expect(shown.json).toMatchObject({ employeeId: run.vars.LI, status: 'disabled', roles: ['sales'] });
  });

  it("record EOMS's work order, the front end's calls with the employee as actor, and a verified audit", async () => {
    const order = await waitFor(async () => {
      const items = (await asAdmin(`/audit/operations?entity=workorder&entityId=${run.vars.ORDER}`)).items as any[];
      return items.some((i) => i.action === 'urge') && items.some((i) => i.action === 'dispatch') && items;
    });
    expect(order.every((i: any) => i.actor === 'EOMS')).toBe(true);
    const calls = (await asAdmin(`/audit/calls?caller=FRONTEND&limit=1000`)).items as any[];
    expect(calls.map((c) => c.pattern)).toEqual(
      expect.arrayContaining(['sales.account.create.v1', 'marketing.lead.capture.v1', 'service.case.close.v1']),
    );
    expect(calls.find((c) => c.pattern === 'sales.account.create.v1')).toMatchObject({ actor: run.vars.LI, code: 0 });
    const verify = await stack.cli(['audit', 'verify']);
    expect(verify.code).toBe(0);
  });
});
