import type { Command } from 'commander';
import type { CommandModule } from '../cli-program.js';

/** The audit store (docs/audit-data.md): chain verification, backups, restore. */
export const auditCommands: CommandModule = (program, session) => {
  const audit = program.command('audit').description('verify, back up and restore the audit logs');
  audit
    .command('verify')
    .description('check the hash chains (exit 2 when a chain is broken)')
    .option('--log <log>', 'calls or operations (default: both)')
    .option('--from-seq <n>', 'start at this sequence number', Number)
    .action((o: { log?: string; fromSeq?: number }, cmd: Command) =>
      session.relay(cmd, 'audit', 'audit.verify', { log: o.log, fromSeq: o.fromSeq }),
    );
  audit
    .command('backup')
    .description('write a signed backup file (needs AUDIT_BACKUP_DIR)')
    .option('--log <log>', 'calls or operations (default: both)')
    .option('--from <ISO-8601>', 'oldest row')
    .option('--to <ISO-8601>', 'end of the range (exclusive)')
    .action((o: { log?: string; from?: string; to?: string }, cmd: Command) =>
      session.relay(cmd, 'audit', 'audit.backup', { log: o.log, from: o.from, to: o.to }),
    );
  audit
    .command('restore <manifest-or-dir>')
    .description('restore backups into an empty audit store')
    .action((path: string, _o: unknown, cmd: Command) => session.relay(cmd, 'audit', 'audit.restore', { path }));
};
