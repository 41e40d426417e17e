import {
  APP_NAMES,
  CALLER_VERIFY_V1,
  EMPLOYEE_GET_V1,
  EMPLOYEE_ID_RE,
  EMPLOYEE_SESSION_V1,
  isAppName,
  LEAD_CONVERSION_APPLY_V1,
  names,
  type AppName,
  type AuthOperatorCommands,
} from '@crm/contracts';
import { OperatorUsageError, type OperatorHandlers } from '@crm/runtime';
import { EMPLOYEE_STATUSES, type ListEmployeesQuery } from '../employee/dto/list-employees.query.js';
import { CLI_ACTOR } from '../operation/actor.js';
import { rotateTotpSecrets } from '../two-factor/totp-key-rotation.js';
import type { OperatorContext } from './operator-context.js';

/**
 * Auth's side of the admin CLI (`apps/cli`): one handler per command of `AuthOperatorCommands`.
 * The CLI has checked the command line; values only auth knows (statuses, employee IDs, app names)
 * are checked here.
 */
export function authOperatorCommands(ctx: OperatorContext): OperatorHandlers<AuthOperatorCommands> {
  return {
    'caller.create': async (a, emit) => emit(await (await ctx.callers()).create(a.name, a.allow, a.source)),
    'caller.rotate': async (a, emit) => {
      const r = await (await ctx.callers()).rotate(a.name, a.overlapMs);
      emit({ caller: r.caller, password: r.password, previousValidUntil: r.previousValidUntil });
    },
    'caller.disable': async (a, emit) => {
      await (await ctx.callers()).disable(a.name);
      emit({ caller: a.name, done: 'disable' });
    },
    'caller.enable': async (a, emit) => {
      await (await ctx.callers()).enable(a.name);
      emit({ caller: a.name, done: 'enable' });
    },
    'caller.unlock': async (a, emit) => {
      await (await ctx.callers()).unlock(a.name);
      emit({ caller: a.name, done: 'unlock' });
    },
    'caller.expire': async (a, emit) => {
      const at = new Date(a.at);
      if (Number.isNaN(at.getTime())) throw new OperatorUsageError('--at must be an ISO-8601 time');
      await (await ctx.callers()).setExpiry(a.name, at);
      emit({ caller: a.name, expiresAt: at.toISOString() });
    },
    'caller.list': async (_a, emit) => {
      for (const c of await (await ctx.callers()).list()) emit(c);
    },
    'admin.create': async (a, emit) => emit(await (await ctx.employees()).createAdministrator(a.name, a.password)),
    'credential.set': async (a, emit) => {
      if (!isAppName(a.app)) throw new OperatorUsageError(`<app> must be one of ${APP_NAMES.join(', ')}`);
      if (!a.password) throw new OperatorUsageError('empty password on stdin');
      await (await ctx.credentials(a.app)).set(a.target, a.caller, a.password);
      emit({ app: a.app, target: a.target, caller: a.caller, keyId: ctx.box.currentKeyId });
    },
    'key.rotate': async (_a, emit) => {
      const rewritten: Record<string, number> = {};
      for (const app of APP_NAMES) rewritten[app] = await (await ctx.credentials(app)).rotateKey();
      const totpSecrets = await rotateTotpSecrets(await ctx.dataSource('auth'), ctx.box);
      emit({ keyId: ctx.box.currentKeyId, rewritten, totpSecrets });
    },
    'system.bootstrap': async (_a, emit) => emit(await bootstrapSystemCallers(ctx)),
    'employee.list': async (a, emit) => {
      const status = a.status;
      if (status !== undefined && !(EMPLOYEE_STATUSES as readonly string[]).includes(status))
        throw new OperatorUsageError(`--status must be one of ${EMPLOYEE_STATUSES.join(', ')}`);
      const queries = await ctx.employeeQueries();
      let cursor: string | undefined;
      do {
        const page = await queries.list({ status: status as ListEmployeesQuery['status'], limit: 200, cursor });
        for (const e of page.items) emit(e);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
    'employee.show': async (a, emit) => emit(await (await ctx.employeeQueries()).get(employeeId(a.employeeId))),
    'employee.disable': async (a, emit) => emit(await (await ctx.lifecycle()).disable(CLI_ACTOR, employeeId(a.employeeId), a.note)),
    'employee.enable': async (a, emit) => emit(await (await ctx.lifecycle()).enable(CLI_ACTOR, employeeId(a.employeeId), a.note)),
    'role.list': async (_a, emit) => {
      for (const r of await (await ctx.roles()).listRoles()) emit(r);
    },
    'review.report': async (_a, emit) => {
      for (const item of await (await ctx.reviews()).report()) emit(item);
    },
  };
}

/** What every app may ask auth as its system caller: credential checks and employees' public profiles. */
const INTERNAL_PATTERNS = [CALLER_VERIFY_V1, EMPLOYEE_SESSION_V1, EMPLOYEE_GET_V1];

/**
 * Calls between business apps, by calling app and target: the patterns its system caller may send
 * there (through its outbox). Marketing converts leads in sales (issue 10 item 4).
 */
const APP_CALLS: Partial<Record<AppName, Partial<Record<AppName, readonly string[]>>>> = {
  marketing: { sales: [LEAD_CONVERSION_APPLY_V1] },
};

/** Every pattern `crm-<app>` may send: auth's internal ones and its calls to other apps. */
export function systemCallerPatterns(app: AppName): string[] {
  return [...INTERNAL_PATTERNS, ...Object.values(APP_CALLS[app] ?? {}).flatMap((p) => p ?? [])];
}

/**
 * Every app but auth calls auth (credential checks) as `crm-<app>`; some call other apps
 * (`APP_CALLS`). Creates those callers, marked internal (never locked), allowed their patterns, and
 * seals their passwords into each app's own credential store, once per target; repairs a side that
 * is missing.
 */
async function bootstrapSystemCallers(ctx: OperatorContext): Promise<Record<string, string>> {
  const callers = await ctx.callers();
  const result: Record<string, string> = {};
  for (const app of APP_NAMES.filter((a): a is Exclude<AppName, 'auth'> => a !== 'auth')) {
    const name = names.systemCaller(app);
    const store = await ctx.credentials(app);
    const patterns = systemCallerPatterns(app);
    const targets = Object.keys(APP_CALLS[app] ?? {});
    const exists = await callers.exists(name);
    if (exists && (await store.has('auth'))) {
      // Installations bootstrapped before a pattern was added to INTERNAL_PATTERNS or APP_CALLS (or
      // before internal callers were marked) get it now; a new target gets the same password.
      const allowed = await callers.allowMore(name, patterns);
      let sealed = false;
      for (const target of targets)
        if (!(await store.has(target))) {
          await store.set(target, name, (await store.get('auth')).password);
          sealed = true;
        }
      result[app] = (await callers.markInternal(name)) || allowed || sealed ? 'updated' : 'present';
      continue;
    }
    if (exists) {
      await callers.allowMore(name, patterns);
      await callers.markInternal(name);
    }
    const { password } = exists ? await callers.rotate(name, 0) : await callers.create(name, patterns, null, CLI_ACTOR, true);
    for (const target of ['auth', ...targets]) await store.set(target, name, password);
    result[app] = exists ? 'repaired' : 'created';
  }
  return result;
}

function employeeId(value: string): string {
  if (!EMPLOYEE_ID_RE.test(value)) throw new OperatorUsageError(`"${value}" is not an employee ID (E100001)`);
  return value;
}
