import { CrmError, OperatorExit } from '@crm/contracts';

/** A request value the command cannot accept: exit 64, and the CLI shows the command's help. */
export class OperatorUsageError extends Error {}

/** Runs one command; `emit` writes one result line on stdout; the return value is the exit code. */
export type OperatorHandler<A> = (args: A, emit: (line: unknown) => void) => Promise<number | void>;
export type OperatorHandlers<M> = { [C in keyof M]: OperatorHandler<M[C]> };

async function readRequest(): Promise<{ command?: unknown; args?: unknown }> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') return parsed as { command?: unknown; args?: unknown };
  } catch {
    /* reported below */
  }
  throw new OperatorUsageError('the operator request on stdin is not a JSON object');
}

/**
 * The child side of the admin CLI's protocol (`@crm/contracts` operator-commands): reads the request
 * from stdin, runs its handler, writes the result lines on stdout and exits with the command's code.
 * Nothing but results goes to stdout, so the CLI can relay generated secrets exactly once.
 */
export async function serveOperatorCommands<M>(handlers: OperatorHandlers<M>, close: () => Promise<void>): Promise<never> {
  let code: number;
  try {
    const request = await readRequest();
    const command = request.command;
    if (typeof command !== 'string' || !Object.hasOwn(handlers, command))
      throw new OperatorUsageError(`unknown operator command "${String(command)}"`);
    const handler = handlers[command as keyof M] as OperatorHandler<unknown>;
    const emit = (line: unknown): void => {
      process.stdout.write(`${JSON.stringify(line)}\n`);
    };
    const result = await handler(request.args ?? {}, emit);
    code = typeof result === 'number' ? result : OperatorExit.Ok;
  } catch (error) {
    code = report(error);
  }
  try {
    await close();
  } catch (error) {
    process.stderr.write(`error while closing: ${(error as Error).message}\n`);
  }
  process.exit(code);
}

function report(error: unknown): number {
  if (error instanceof OperatorUsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    return OperatorExit.Usage;
  }
  if (error instanceof CrmError) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`);
    return OperatorExit.Failed;
  }
  process.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
  return OperatorExit.Failed;
}
