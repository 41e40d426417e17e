/**
 * The admin CLI (`apps/cli`) runs an app's operator commands in a child process of that app's own
 * code: apps never import each other, each app's database is touched only by its own code, and the
 * commands work while the apps are down (`system bootstrap` runs before any app starts).
 *
 * Protocol: the CLI writes one `OperatorRequest` as a JSON line on the child's stdin (secrets travel
 * here, never in argv); the child writes its results as JSON lines on stdout, its log and errors on
 * stderr, and exits with `OperatorExit` codes.
 */
export const OperatorExit = {
  Ok: 0,
  /** A domain error (`error <code>: <message>` on stderr). */
  Failed: 1,
  /** `audit verify` found a broken chain. */
  ChainBroken: 2,
  /** The request's values are not acceptable (`error: <message>` on stderr); the CLI shows the command's help. */
  Usage: 64,
} as const;

/** Commands served by `dist/apps/auth/src/operator/operator-main.js`. */
export interface AuthOperatorCommands {
  'caller.create': { name: string; allow: string[]; source: string[] | null };
  'caller.rotate': { name: string; overlapMs?: number };
  'caller.disable': { name: string };
  'caller.enable': { name: string };
  'caller.unlock': { name: string };
  'caller.expire': { name: string; at: string };
  'caller.list': Record<string, never>;
  'admin.create': { name: string; password: string };
  'employee.list': { status?: string };
  'employee.show': { employeeId: string };
  'employee.disable': { employeeId: string; note: string | null };
  'employee.enable': { employeeId: string; note: string | null };
  'role.list': Record<string, never>;
  'review.report': Record<string, never>;
  /** Seals a password into `<app>`'s outbound credential store (any app's database, as today). */
  'credential.set': { app: string; target: string; caller: string; password: string };
  /** Re-seals every app's outbound credentials and auth's TOTP secrets under the current master key. */
  'key.rotate': Record<string, never>;
  'system.bootstrap': Record<string, never>;
}

/** Commands served by `dist/apps/audit/src/operator/operator-main.js`. */
export interface AuditOperatorCommands {
  'audit.verify': { log?: string; fromSeq?: number };
  'audit.backup': { log?: string; from?: string; to?: string };
  'audit.restore': { path: string };
}

export interface OperatorCommands {
  auth: AuthOperatorCommands;
  audit: AuditOperatorCommands;
}

export type OperatorApp = keyof OperatorCommands;

export interface OperatorRequest<A extends OperatorApp = OperatorApp, C extends keyof OperatorCommands[A] = keyof OperatorCommands[A]> {
  command: C;
  args: OperatorCommands[A][C];
}
