import { describe, expect, it } from '@jest/globals';
import type { OperatorApp } from '@crm/contracts';
import { CliSession, runCli } from './cli-program.js';
import { COMMAND_MODULES } from './commands/command-modules.js';
import type { OperatorOutcome, OperatorRunner } from './operator-runner.js';

/** Records the requests the CLI would send to the apps, and answers with a canned outcome. */
class FakeRunner implements OperatorRunner {
  readonly requests: { app: OperatorApp; command: string; args: unknown }[] = [];
  constructor(private readonly outcome: OperatorOutcome = { code: 0, lines: ['{"ok":true}'] }) {}
  async run(app: OperatorApp, command: string, args: unknown): Promise<OperatorOutcome> {
    this.requests.push({ app, command, args });
    return this.outcome;
  }
}

async function cli(argv: string[], opts: { stdin?: string; outcome?: OperatorOutcome; now?: number } = {}) {
  const runner = new FakeRunner(opts.outcome);
  const stdout: string[] = [];
  let out = '';
  let err = '';
  const session = new CliSession({
    runner,
    out: (l) => stdout.push(l),
    readStdin: async () => opts.stdin ?? '',
    ...(opts.now !== undefined ? { now: () => opts.now! } : {}),
  });
  const code = await runCli(argv, session, COMMAND_MODULES, { writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  return { code, stdout, out, err, requests: runner.requests };
}

describe('operator CLI command line', () => {
  it('`help` prints the areas on stdout and exits 0; `help caller` lists its verbs', async () => {
    const top = await cli(['help']);
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/^Usage: npm run -s cli -- /);
    expect(top.err).toBe('');
    for (const area of ['caller', 'admin', 'employee', 'role', 'review', 'credential', 'key', 'system', 'audit', 'broker', 'totp'])
      expect(top.out).toMatch(new RegExp(`\\n  ${area} `));
    const caller = await cli(['help', 'caller']);
    expect(caller.code).toBe(0);
    expect(caller.out).toMatch(/rotate \[options\] <name>/);
    expect(caller.requests).toEqual([]);
  });

  it('help reaches one command, however it is asked for, on stdout with exit 0 and nothing run', async () => {
    for (const argv of [
      ['help', 'caller', 'create'],
      ['caller', 'help', 'create'],
      ['caller', 'create', '--help'],
      ['caller', 'create', '-h'],
      ['help', 'caller', 'create', 'EOMS'],
    ]) {
      const r = await cli(argv);
      expect({ argv, code: r.code, err: r.err }).toEqual({ argv, code: 0, err: '' });
      expect(r.out).toMatch(/^Usage: npm run -s cli -- caller create \[options\] <name>\n/);
      expect(r.out).toMatch(/--allow <glob>/);
      expect(r.requests).toEqual([]);
    }
    // `help` as a command's argument is the argument: a caller may be called "help".
    expect((await cli(['caller', 'create', 'help'])).requests).toEqual([
      { app: 'auth', command: 'caller.create', args: { name: 'help', allow: [], source: null } },
    ]);
  });

  it('no command at all and an area without a verb are usage errors (64): error line, then the help, on stderr', async () => {
    const none = await cli([]);
    expect(none.code).toBe(64);
    expect(none.err).toMatch(/^error: missing command\n\nUsage: npm run -s cli -- /);
    expect(none.out).toBe('');
    const area = await cli(['caller']);
    expect(area.code).toBe(64);
    expect(area.err).toMatch(/^error: missing command after 'caller'\n\nUsage: npm run -s cli -- caller /);
    expect(area.out).toBe('');
  });

  it('a typo gets a suggestion and exit 64, also after `help`', async () => {
    const r = await cli(['calller', 'create', 'x']);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/^error: unknown command 'calller'\n\(Did you mean caller\?\)/);
    expect(r.out).toBe('');
    expect((await cli(['caller', 'rotat', 'x'])).err).toMatch(/Did you mean rotate\?/);
    for (const argv of [
      ['help', 'calller'],
      ['help', 'caller', 'rotat'],
    ]) {
      const h = await cli(argv);
      expect({ argv, code: h.code }).toEqual({ argv, code: 64 });
      expect(h.err).toMatch(/^error: unknown command '(calller|rotat)'\n\(Did you mean (caller|rotate)\?\)/);
    }
  });

  it('unknown options, missing arguments and bad values are usage errors of the same shape', async () => {
    const cases: [string[], RegExp][] = [
      [['caller', 'create', 'x', '--bogus'], /^error: unknown option '--bogus'/],
      [['caller', 'create'], /^error: missing required argument 'name'/],
      [['caller', 'rotate', 'x', '--overlap', '5x'], /^error: option '--overlap <duration>' argument '5x' is invalid/],
      [['caller', 'expire', 'x', '--at', 'yesterday'], /^error: --at must be an ISO-8601 time/],
      [['admin', 'create', 'Ann'], /^error: required option '--password-stdin' not specified/],
      [['credential', 'set', 'sales', 'eoms', '--password-stdin'], /^error: required option '--caller <name>' not specified/],
      [['key', 'generate', 'extra'], /^error: too many arguments/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv, { stdin: 'secret' });
      expect({ argv, code: r.code }).toEqual({ argv, code: 64 });
      expect(r.err).toMatch(message);
      expect(r.err).toMatch(/\nUsage: npm run -s cli -- /);
      expect(r.requests).toEqual([]);
    }
  });

  it('maps each command line onto the owning app’s operator request', async () => {
    const cases: [string[], { app: OperatorApp; command: string; args: unknown }][] = [
      [
        ['caller', 'create', 'eoms', '--allow', 'crm.*', '--allow', 'x.y'],
        { app: 'auth', command: 'caller.create', args: { name: 'eoms', allow: ['crm.*', 'x.y'], source: null } },
      ],
      [
        ['caller', 'create', 'eoms', '--allow', 'a', '--source', 'eoms-user'],
        { app: 'auth', command: 'caller.create', args: { name: 'eoms', allow: ['a'], source: ['eoms-user'] } },
      ],
      [
        ['caller', 'rotate', 'eoms', '--overlap', '24h'],
        { app: 'auth', command: 'caller.rotate', args: { name: 'eoms', overlapMs: 86_400_000 } },
      ],
      [['caller', 'unlock', 'eoms'], { app: 'auth', command: 'caller.unlock', args: { name: 'eoms' } }],
      [
        ['caller', 'expire', 'eoms', '--at', '2030-01-02T03:04:05Z'],
        { app: 'auth', command: 'caller.expire', args: { name: 'eoms', at: '2030-01-02T03:04:05.000Z' } },
      ],
      [
        ['employee', 'disable', 'E100002', '--note', 'left'],
        { app: 'auth', command: 'employee.disable', args: { employeeId: 'E100002', note: 'left' } },
      ],
      [['employee', 'list', '--status', 'active'], { app: 'auth', command: 'employee.list', args: { status: 'active' } }],
      [['system', 'bootstrap'], { app: 'auth', command: 'system.bootstrap', args: {} }],
      [['key', 'rotate'], { app: 'auth', command: 'key.rotate', args: {} }],
      [
        ['audit', 'verify', '--log', 'calls', '--from-seq', '5'],
        { app: 'audit', command: 'audit.verify', args: { log: 'calls', fromSeq: 5 } },
      ],
      [['audit', 'restore', '/backups/m.json'], { app: 'audit', command: 'audit.restore', args: { path: '/backups/m.json' } }],
    ];
    for (const [argv, request] of cases) {
      const r = await cli(argv);
      expect({ argv, requests: r.requests }).toEqual({ argv, requests: [request] });
      expect(r.code).toBe(0);
    }
  });

  it('passwords travel on the request (stdin), never as arguments, without the trailing newline', async () => {
    const r = await cli(['admin', 'create', 'Ann Lee', '--password-stdin'], { stdin: 'long enough passphrase 42\n' });
    expect(r.requests).toEqual([
      { app: 'auth', command: 'admin.create', args: { name: 'Ann Lee', password: 'long enough passphrase 42' } },
    ]);
    const empty = await cli(['credential', 'set', 'sales', 'eoms', '--caller', 'crm', '--password-stdin'], { stdin: '\n' });
    expect(empty.code).toBe(64);
    expect(empty.err).toMatch(/^error: empty password on stdin/);
  });

  it("relays the app's result lines unchanged and exits with its code; a refusal as unusable (64) adds the help", async () => {
    const broken = await cli(['audit', 'verify'], { outcome: { code: 2, lines: ['[{"log":"calls","ok":false}]'] } });
    expect(broken.stdout).toEqual(['[{"log":"calls","ok":false}]']);
    expect(broken.code).toBe(2);
    const refused = await cli(['employee', 'list', '--status', 'gone'], { outcome: { code: 64, lines: [] } });
    expect(refused.code).toBe(64);
    expect(refused.err).toMatch(/Usage: npm run -s cli -- employee list/);
  });

  it('`key generate` needs no app and prints one key line', async () => {
    const r = await cli(['key', 'generate']);
    expect(r.requests).toEqual([]);
    expect(r.stdout).toHaveLength(1);
    expect(JSON.parse(r.stdout[0]!).key).toMatch(/^k\d{8}[0-9a-f]{4}:[A-Za-z0-9+/]{43}=$/);
  });
});

describe('totp code (development aid)', () => {
  // RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", base32; codes are the 8-digit vectors' last 6 digits.
  const seed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('prints the code of the current 30-second step and how long it stays valid, as one JSON line', async () => {
    const a = await cli(['totp', 'code', seed], { now: 59_000 });
    expect(a).toMatchObject({ code: 0, stdout: ['{"totp":"287082","validForSeconds":1}'], err: '', requests: [] });
    const b = await cli(['totp', 'code', seed.toLowerCase()], { now: 1_111_111_109_000 });
    expect(b.stdout).toEqual(['{"totp":"081804","validForSeconds":1}']);
    const c = await cli(['totp', 'code', seed], { now: 2_000_000_000_000 });
    expect(JSON.parse(c.stdout[0]!)).toEqual({ totp: '279037', validForSeconds: 10 });
  });

  it('says it is a development aid, and refuses what is not a base32 secret with 64', async () => {
    expect((await cli(['help', 'totp', 'code'])).out).toMatch(/development aid/);
    for (const argv of [
      ['totp', 'code', 'not base32!'],
      ['totp', 'code', '='],
    ]) {
      const r = await cli(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 64 });
      expect(r.err).toMatch(/^error: <secret> must be base32/);
      expect(r.stdout).toEqual([]);
    }
    expect((await cli(['totp', 'code'])).err).toMatch(/^error: missing required argument 'secret'/);
  });
});
