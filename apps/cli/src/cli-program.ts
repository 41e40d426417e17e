import { Command, CommanderError, type OutputConfiguration } from 'commander';
// Types only: the CLI stays a light front end that does not load the contracts' validators.
import type { OperatorApp, OperatorCommands, OperatorExit } from '@crm/contracts';
import type { OperatorRunner } from './operator-runner.js';

/** What the commands need from the outside world; tests pass fakes. */
export interface CliIo {
  runner: OperatorRunner;
  /** Writes one result line on stdout (the JSON a script reads). */
  out(line: string): void;
  readStdin(): Promise<string>;
}

/** Usage errors (bad command line) exit 64 (EX_USAGE), as they always did. */
export const EXIT_USAGE = 64 satisfies (typeof OperatorExit)['Usage'];

/** One CLI run: the commands' shared plumbing, and the exit code of the command that ran. */
export class CliSession {
  exitCode = 0;

  constructor(readonly io: CliIo) {}

  /** Prints a result computed here (no app involved). */
  print(value: unknown): void {
    this.io.out(JSON.stringify(value));
  }

  /**
   * Runs the command in the owning app's operator process and relays its result lines unchanged.
   * A request the app refused as unusable (64) shows the command's help after the app's message.
   */
  async relay<A extends OperatorApp, C extends keyof OperatorCommands[A] & string>(
    cmd: Command,
    app: A,
    command: C,
    args: OperatorCommands[A][C],
  ): Promise<void> {
    const outcome = await this.io.runner.run(app, command, args);
    for (const line of outcome.lines) this.io.out(line);
    if (outcome.code === EXIT_USAGE) cmd.outputHelp({ error: true });
    this.exitCode = outcome.code;
  }

  /** The password an operator pipes in (`--password-stdin`), without its trailing newline. */
  async password(cmd: Command): Promise<string> {
    const password = (await this.io.readStdin()).replace(/\r?\n$/, '');
    if (!password) usageError(cmd, 'empty password on stdin');
    return password;
  }
}

/** Reports a usage error on `cmd` the way commander reports its own: `error: ...`, the help, exit 64. */
export function usageError(cmd: Command, message: string): never {
  cmd.error(`error: ${message}`, { exitCode: EXIT_USAGE, code: 'crm.usage' });
}

/** An area of the CLI (callers, employees, ...): adds its commands to the program. */
export type CommandModule = (program: Command, session: CliSession) => void;

/** The program with every area's commands; errors become `CommanderError`s instead of exits. */
export function buildProgram(session: CliSession, modules: readonly CommandModule[], output?: OutputConfiguration): Command {
  const program = new Command('npm run cli --')
    .description('CRM operator CLI. Commands that create a secret print it once, as one JSON line on stdout; logs go to stderr.')
    .exitOverride()
    .showHelpAfterError()
    .showSuggestionAfterError()
    .helpCommand('help [command]', 'show the commands of an area, e.g. help caller');
  if (output) program.configureOutput(output);
  for (const register of modules) register(program, session);
  return program;
}

/**
 * Parses and runs one command line and returns the exit code: 0 for help, 64 for every usage error
 * (unknown command or option, missing argument, invalid value), else the command's own code.
 */
export async function runCli(
  argv: readonly string[],
  session: CliSession,
  modules: readonly CommandModule[],
  output?: OutputConfiguration,
): Promise<number> {
  const program = buildProgram(session, modules, output);
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return session.exitCode;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // `help` and `help <area>` print the help on stdout and exit 0; an area without a verb is a usage error.
    if (error.code === 'commander.help') return argv[0] === 'help' ? 0 : EXIT_USAGE;
    return EXIT_USAGE;
  }
}
