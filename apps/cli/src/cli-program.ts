import { Command, CommanderError, type HelpContext, type OutputConfiguration } from 'commander';
// Types only: the CLI stays a light front end that does not load the contracts' validators.
import type { OperatorApp, OperatorCommands, OperatorExit } from '@crm/contracts';
import type { OperatorRunner } from './operator-runner.js';

/** What the commands need from the outside world; tests pass fakes. */
export interface CliIo {
  runner: OperatorRunner;
  /** Writes one result line on stdout (the JSON a script reads). */
  out(line: string): void;
  readStdin(): Promise<string>;
  /** The clock, in ms since the epoch (default `Date.now`); tests pin it. */
  now?(): number;
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

/**
 * commander shows the help alone, as a failure, when a command that has subcommands is given none
 * (`npm run -s cli -- caller`); here that is a usage error like any other: `error: …`, the help, 64.
 */
class CliCommand extends Command {
  override createCommand(name?: string): CliCommand {
    return new CliCommand(name);
  }

  override help(context?: HelpContext): never;
  override help(cb: (str: string) => string): never;
  override help(arg?: HelpContext | ((str: string) => string)): never {
    if (typeof arg === 'object' && arg.error) usageError(this, this.parent ? `missing command after '${this.name()}'` : 'missing command');
    return super.help(arg as HelpContext);
  }
}

/** The program's name in help and usage lines: `-s` keeps npm's own banner off stdout. */
export const PROGRAM_NAME = 'npm run -s cli --';

/** The program with every area's commands; errors become `CommanderError`s instead of exits. */
export function buildProgram(session: CliSession, modules: readonly CommandModule[], output?: OutputConfiguration): Command {
  const program = new CliCommand(PROGRAM_NAME)
    .description(
      'CRM operator CLI. Results are JSON, one line each, on stdout; help, errors and logs go to stderr (help asked for goes to stdout).',
    )
    .exitOverride()
    .showHelpAfterError()
    .showSuggestionAfterError()
    .helpCommand('help [command...]', 'show the commands of an area, or one command, e.g. help caller rotate');
  if (output) program.configureOutput(output);
  for (const register of modules) register(program, session);
  return program;
}

/**
 * `help` in a command's place, at any depth (`help caller rotate`, `caller help rotate`), becomes that
 * command's `--help`. A name that is no command is left in place for commander to report, with its
 * suggestion; once a command without subcommands is reached, the words after it are ignored.
 */
export function helpAsFlag(program: Command, argv: readonly string[]): string[] {
  let cmd = program;
  const path: string[] = [];
  let helping = false;
  for (const word of argv) {
    if (cmd.commands.length === 0 || word.startsWith('-')) break;
    if (!helping && word === 'help') {
      helping = true;
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) return helping ? [...path, word] : [...argv];
    cmd = sub;
    path.push(word);
  }
  return helping ? [...path, '--help'] : [...argv];
}

/**
 * Parses and runs one command line and returns the exit code: 0 for help asked for, 64 for every
 * usage error (no or unknown command, unknown option, missing argument, invalid value), else the
 * command's own code.
 */
export async function runCli(
  argv: readonly string[],
  session: CliSession,
  modules: readonly CommandModule[],
  output?: OutputConfiguration,
): Promise<number> {
  const program = buildProgram(session, modules, output);
  try {
    await program.parseAsync(helpAsFlag(program, argv), { from: 'user' });
    return session.exitCode;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    const asked = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) && error.exitCode === 0;
    return asked ? 0 : EXIT_USAGE;
  }
}
