import { InvalidArgumentError, type Command } from 'commander';
import type { CommandModule } from '../cli-program.js';
import { usageError } from '../cli-program.js';
import { parseDuration } from '../duration.js';

/** Repeatable options (`--allow a --allow b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function duration(value: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** Callers of the RMQ interface (SPEC §3.1, §5.1): auth's caller registry. */
export const callerCommands: CommandModule = (program, session) => {
  const caller = program.command('caller').description('create, rotate, disable, enable, unlock, expire and list callers');
  caller
    .command('create <name>')
    .description('create a caller; prints {"caller","password"} once')
    .option('--allow <glob>', 'a pattern the caller may call (repeatable)', collect)
    .option('--source <user-or-ip>', 'restrict to a broker user or source address (repeatable)', collect)
    .action((name: string, o: { allow?: string[]; source?: string[] }, cmd: Command) =>
      session.relay(cmd, 'auth', 'caller.create', { name, allow: o.allow ?? [], source: o.source?.length ? o.source : null }),
    );
  caller
    .command('rotate <name>')
    .description('new password (printed once); the old one stays valid for --overlap')
    .option('--overlap <duration>', 'how long the previous password still works, e.g. 24h', duration)
    .action((name: string, o: { overlap?: number }, cmd: Command) =>
      session.relay(cmd, 'auth', 'caller.rotate', { name, overlapMs: o.overlap }),
    );
  for (const verb of ['disable', 'enable', 'unlock'] as const) {
    caller
      .command(`${verb} <name>`)
      .description(`${verb} a caller`)
      .action((name: string, _o: unknown, cmd: Command) => session.relay(cmd, 'auth', `caller.${verb}`, { name }));
  }
  caller
    .command('expire <name>')
    .description('make the credential expire (drills)')
    .option('--at <ISO-8601>', 'when (default: now)')
    .action((name: string, o: { at?: string }, cmd: Command) => {
      const at = o.at !== undefined ? new Date(o.at) : new Date();
      if (Number.isNaN(at.getTime())) usageError(cmd, '--at must be an ISO-8601 time');
      return session.relay(cmd, 'auth', 'caller.expire', { name, at: at.toISOString() });
    });
  caller
    .command('list')
    .description('one JSON line per caller')
    .action((_o: unknown, cmd: Command) => session.relay(cmd, 'auth', 'caller.list', {}));
};
