import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { APP_NAMES, CALLER_VERIFY_V1, CrmError, EMPLOYEE_GET_V1, EMPLOYEE_ID_RE, EMPLOYEE_SESSION_V1, isAppName, names, type AppName } from '@crm/contracts';
import { configOrExit } from '@crm/runtime';
import { EMPLOYEE_STATUSES, type ListEmployeesQuery } from '../employee/dto/list-employees.query.js';
import { CLI_ACTOR } from '../operation/actor.js';
import { CliContext } from './cli-context.js';
import { parseDuration } from './duration.js';
import { rotateTotpSecrets } from '../two-factor/totp-key-rotation.js';
import { AUDIT_USAGE, AuditUsageError, runAuditCli } from '../../../audit/src/cli/audit-cli.js';

const USAGE = `usage: npm run cli -- <command>
  caller create <name> --allow <glob> [--allow <glob>...] [--source <user-or-ip>...]
  caller rotate <name> [--overlap <duration e.g. 24h>]
  caller disable|enable|unlock <name>
  caller expire <name> [--at <ISO-8601>]       (drills: make the credential expire)
  caller list
  admin create <name> --password-stdin
  credential set <app> <target> --caller <name> --password-stdin
  key generate
  key rotate
  system bootstrap                                (internal callers for app-to-app calls; idempotent)
  employee list [--status pending|rejected|active|disabled]   (one JSON line per employee)
  employee show <id>
  employee disable|enable <id> [--note <text>]     (offboarding / re-activation, recorded as caller "cli")
  role list                                       (one JSON line per role)
  review report                                   (access review: one JSON line per active ID)
${AUDIT_USAGE}`;

/** Prints the one JSON line a script reads; everything else goes to stderr. */
function out(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'audit') return runAuditCli(argv.slice(1), configOrExit());
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      allow: { type: 'string', multiple: true },
      source: { type: 'string', multiple: true },
      overlap: { type: 'string' },
      at: { type: 'string' },
      caller: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      status: { type: 'string' },
      note: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [area, verb, ...rest] = positionals;
  if (values.help || !area) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 64;
  }
  if (area === 'key' && verb === 'generate') {
    const id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(2).toString('hex')}`;
    out({ key: `${id}:${randomBytes(32).toString('base64')}` });
    return 0;
  }
  const ctx = new CliContext(configOrExit());
  try {
    return await run(ctx, area, verb, rest, values);
  } finally {
    await ctx.close();
  }
}

async function run(
  ctx: CliContext,
  area: string,
  verb: string | undefined,
  rest: string[],
  values: { allow?: string[]; source?: string[]; overlap?: string; at?: string; caller?: string; 'password-stdin'?: boolean; status?: string; note?: string },
): Promise<number> {
  const need = (i: number, what: string) => {
    const v = rest[i];
    if (!v) throw new UsageError(`missing ${what}`);
    return v;
  };
  switch (`${area} ${verb ?? ''}`) {
    case 'caller create': {
      const callers = await ctx.callers();
      out(await callers.create(need(0, '<name>'), values.allow ?? [], values.source?.length ? values.source : null));
      return 0;
    }
    case 'caller rotate': {
      const callers = await ctx.callers();
      const overlap = values.overlap !== undefined ? parseDuration(values.overlap) : undefined;
      const r = await callers.rotate(need(0, '<name>'), overlap);
      out({ caller: r.caller, password: r.password, previousValidUntil: r.previousValidUntil });
      return 0;
    }
    case 'caller disable':
    case 'caller enable':
    case 'caller unlock': {
      const callers = await ctx.callers();
      const name = need(0, '<name>');
      await callers[verb as 'disable' | 'enable' | 'unlock'](name);
      out({ caller: name, done: verb });
      return 0;
    }
    case 'caller expire': {
      const callers = await ctx.callers();
      const name = need(0, '<name>');
      const at = values.at ? new Date(values.at) : new Date();
      if (Number.isNaN(at.getTime())) throw new UsageError('--at must be an ISO-8601 time');
      await callers.setExpiry(name, at);
      out({ caller: name, expiresAt: at.toISOString() });
      return 0;
    }
    case 'caller list': {
      out(await (await ctx.callers()).list());
      return 0;
    }
    case 'admin create': {
      if (!values['password-stdin']) throw new UsageError('admin create needs --password-stdin');
      const password = await readStdin();
      out(await (await ctx.employees()).createAdministrator(need(0, '<name>'), password));
      return 0;
    }
    case 'credential set': {
      const app = need(0, '<app>');
      if (!isAppName(app)) throw new UsageError(`<app> must be one of ${APP_NAMES.join(', ')}`);
      const target = need(1, '<target>');
      if (!values.caller) throw new UsageError('credential set needs --caller <name>');
      if (!values['password-stdin']) throw new UsageError('credential set needs --password-stdin');
      const password = await readStdin();
      if (!password) throw new UsageError('empty password on stdin');
      await (await ctx.credentials(app)).set(target, values.caller, password);
      out({ app, target, caller: values.caller, keyId: ctx.box.currentKeyId });
      return 0;
    }
    case 'key rotate': {
      const rewritten: Record<string, number> = {};
      for (const app of APP_NAMES) rewritten[app] = await (await ctx.credentials(app)).rotateKey();
      const totpSecrets = await rotateTotpSecrets(await ctx.dataSource('auth'), ctx.box);
      out({ keyId: ctx.box.currentKeyId, rewritten, totpSecrets });
      return 0;
    }
    case 'system bootstrap': {
      out(await bootstrapSystemCallers(ctx));
      return 0;
    }
    case 'employee list': {
      const status = values.status;
      if (status !== undefined && !(EMPLOYEE_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${EMPLOYEE_STATUSES.join(', ')}`);
      const queries = await ctx.employeeQueries();
      let cursor: string | undefined;
      do {
        const page = await queries.list({ status: status as ListEmployeesQuery['status'], limit: 200, cursor });
        for (const e of page.items) out(e);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return 0;
    }
    case 'employee show': {
      out(await (await ctx.employeeQueries()).get(employeeId(need(0, '<id>'))));
      return 0;
    }
    case 'employee disable': {
      out(await (await ctx.lifecycle()).disable(CLI_ACTOR, employeeId(need(0, '<id>')), values.note ?? null));
      return 0;
    }
    case 'employee enable': {
      out(await (await ctx.lifecycle()).enable(CLI_ACTOR, employeeId(need(0, '<id>')), values.note ?? null));
      return 0;
    }
    case 'role list': {
      for (const r of await (await ctx.roles()).listRoles()) out(r);
      return 0;
    }
    case 'review report': {
      for (const item of await (await ctx.reviews()).report()) out(item);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${area} ${verb ?? ''}"`);
  }
}

/**
 * Every app but auth calls auth (credential checks) as `crm-<app>`. Creates those callers and seals
 * their passwords into each app's own credential store; repairs a side that is missing.
 */
/** What every app may ask auth as its system caller: credential checks and employees' public profiles. */
const INTERNAL_PATTERNS = [CALLER_VERIFY_V1, EMPLOYEE_SESSION_V1, EMPLOYEE_GET_V1];

async function bootstrapSystemCallers(ctx: CliContext): Promise<Record<string, string>> {
  const callers = await ctx.callers();
  const result: Record<string, string> = {};
  for (const app of APP_NAMES.filter((a): a is Exclude<AppName, 'auth'> => a !== 'auth')) {
    const name = names.systemCaller(app);
    const store = await ctx.credentials(app);
    const exists = await callers.exists(name);
    if (exists && (await store.has('auth'))) {
      // Installations bootstrapped before a pattern was added to INTERNAL_PATTERNS get it now.
      result[app] = (await callers.allowMore(name, INTERNAL_PATTERNS)) ? 'updated' : 'present';
      continue;
    }
    if (exists) await callers.allowMore(name, INTERNAL_PATTERNS);
    const { password } = exists ? await callers.rotate(name, 0) : await callers.create(name, INTERNAL_PATTERNS);
    await store.set('auth', name, password);
    result[app] = exists ? 'repaired' : 'created';
  }
  return result;
}

class UsageError extends Error {}

function employeeId(value: string): string {
  if (!EMPLOYEE_ID_RE.test(value)) throw new UsageError(`"${value}" is not an employee ID (E100001)`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof AuditUsageError) {
      process.stderr.write(`error: ${error.message}\n${USAGE}\n`);
      process.exit(64);
    }
    if (error instanceof CrmError) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
