import type { Command } from 'commander';
import type { CommandModule } from '../cli-program.js';

/** What a fresh installation needs before any app starts. */
export const systemCommands: CommandModule = (program, session) => {
  program
    .command('system')
    .description('installation')
    .command('bootstrap')
    .description('internal callers for app-to-app calls (idempotent; run before the apps start)')
    .action((_o: unknown, cmd: Command) => session.relay(cmd, 'auth', 'system.bootstrap', {}));
};
