// First: the broker command loads @crm/messaging (lazily) and with it @crm/contracts, whose DTO decorators need it.
import 'reflect-metadata';
import { CliSession, runCli } from './cli-program.js';
import { COMMAND_MODULES } from './commands/command-modules.js';
import { ChildProcessOperatorRunner } from './operator-runner.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const session = new CliSession({
  runner: new ChildProcessOperatorRunner(),
  out: (line) => process.stdout.write(`${line}\n`),
  readStdin,
});
runCli(process.argv.slice(2), session, COMMAND_MODULES).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
