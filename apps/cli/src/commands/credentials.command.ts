import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { CommandModule } from '../cli-program.js';

/** Our own outbound credentials (SPEC §3.2) and the master key that seals them. */
export const credentialCommands: CommandModule = (program, session) => {
  program
    .command('credential')
    .description('outbound credentials an app uses to call another system')
    .command('set <app> <target>')
    .description("seal a password read from stdin into <app>'s credential store")
    .requiredOption('--caller <name>', 'the caller name to present to <target>')
    .requiredOption('--password-stdin', 'read the password from stdin (required)')
    .action(async (app: string, target: string, o: { caller: string }, cmd: Command) =>
      session.relay(cmd, 'auth', 'credential.set', { app, target, caller: o.caller, password: await session.password(cmd) }),
    );

  const key = program.command('key').description('the master key (CRM_MASTER_KEY)');
  key
    .command('generate')
    .description('print a new master key <id>:<base64> (nothing is stored)')
    .action(() => {
      const id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(2).toString('hex')}`;
      session.print({ key: `${id}:${randomBytes(32).toString('base64')}` });
    });
  key
    .command('rotate')
    .description('re-seal every stored secret under the current key')
    .action((_o: unknown, cmd: Command) => session.relay(cmd, 'auth', 'key.rotate', {}));
};
