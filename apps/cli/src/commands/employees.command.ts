import type { Command } from 'commander';
import type { CommandModule } from '../cli-program.js';

/** Employees (工号, SPEC §3.3): the first administrator, offboarding, roles and the access review. */
export const employeeCommands: CommandModule = (program, session) => {
  program
    .command('admin')
    .description('the first administrator')
    .command('create <name>')
    .description('create an administrator whose password is read from stdin; prints {"employeeId"}')
    .requiredOption('--password-stdin', 'read the password from stdin (required)')
    .action(async (name: string, _o: unknown, cmd: Command) =>
      session.relay(cmd, 'auth', 'admin.create', { name, password: await session.password(cmd) }),
    );

  const employee = program.command('employee').description('list, show, disable and enable employees');
  employee
    .command('list')
    .description('one JSON line per employee')
    .option('--status <status>', 'pending, rejected, active or disabled')
    .action((o: { status?: string }, cmd: Command) => session.relay(cmd, 'auth', 'employee.list', { status: o.status }));
  employee
    .command('show <id>')
    .description('one employee')
    .action((employeeId: string, _o: unknown, cmd: Command) => session.relay(cmd, 'auth', 'employee.show', { employeeId }));
  for (const verb of ['disable', 'enable'] as const) {
    employee
      .command(`${verb} <id>`)
      .description(verb === 'disable' ? 'offboarding (recorded as caller "cli")' : 're-activation (recorded as caller "cli")')
      .option('--note <text>', 'why, kept in the operation log')
      .action((employeeId: string, o: { note?: string }, cmd: Command) =>
        session.relay(cmd, 'auth', `employee.${verb}`, { employeeId, note: o.note ?? null }),
      );
  }

  program
    .command('role')
    .description('roles')
    .command('list')
    .description('one JSON line per role')
    .action((_o: unknown, cmd: Command) => session.relay(cmd, 'auth', 'role.list', {}));
  program
    .command('review')
    .description('the access review')
    .command('report')
    .description('one JSON line per active employee ID')
    .action((_o: unknown, cmd: Command) => session.relay(cmd, 'auth', 'review.report', {}));
};
