import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { OperatorApp, OperatorCommands, OperatorRequest } from '@crm/contracts';

/** What an app's operator command printed on stdout (one JSON text per line) and its exit code. */
export interface OperatorOutcome {
  code: number;
  lines: string[];
}

/** Runs one command of an app's operator interface (see `OperatorRequest` in `@crm/contracts`). */
export interface OperatorRunner {
  run<A extends OperatorApp, C extends keyof OperatorCommands[A] & string>(
    app: A,
    command: C,
    args: OperatorCommands[A][C],
  ): Promise<OperatorOutcome>;
}

/** The built entry of each app's operator commands, next to this file in dist/. */
const ENTRIES: Record<OperatorApp, string> = {
  auth: fileURLToPath(new URL('../../auth/src/operator/operator-main.js', import.meta.url)),
  audit: fileURLToPath(new URL('../../audit/src/operator/operator-main.js', import.meta.url)),
};

/**
 * Starts the app's operator entry as a child process on the same Node binary: the request (with
 * any secret) goes in on stdin, results come back on stdout, the child's log and error messages go
 * straight to our stderr, and its exit code is the command's.
 */
export class ChildProcessOperatorRunner implements OperatorRunner {
  run<A extends OperatorApp, C extends keyof OperatorCommands[A] & string>(
    app: A,
    command: C,
    args: OperatorCommands[A][C],
  ): Promise<OperatorOutcome> {
    const request: OperatorRequest<A, C> = { command, args };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [ENTRIES[app]], { stdio: ['pipe', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), lines: stdout.split('\n').filter((l) => l.length > 0) });
      });
      child.stdin.end(`${JSON.stringify(request)}\n`);
    });
  }
}
