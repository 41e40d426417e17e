import { z } from 'zod';
import { intVar, parseEnv } from '@crm/config';

/**
 * How `npm start` supervises the five apps (issue 13): a crashed app is restarted after a delay
 * that doubles with each crash inside the window, and a crash loop — `limit` crashes of one app
 * within `windowMs` — stops the whole installation with a message instead of restarting forever.
 */
export interface RestartPolicyConfig {
  /** Crashes of one app within the window that make the supervisor give up (CRM_RESTART_LIMIT). */
  limit: number;
  /** The window in which crashes count towards the limit (CRM_RESTART_WINDOW_SECONDS). */
  windowMs: number;
  /** Delay before the first restart; doubled for each further crash in the window (CRM_RESTART_DELAY_MS). */
  delayMs: number;
  /** Longest delay before a restart (CRM_RESTART_DELAY_MAX_MS). */
  maxDelayMs: number;
}

const schema = z
  .object({
    CRM_RESTART_LIMIT: intVar(5, 1, 1000),
    CRM_RESTART_WINDOW_SECONDS: intVar(60, 1, 86_400, 1000),
    CRM_RESTART_DELAY_MS: intVar(1000, 0, 600_000),
    CRM_RESTART_DELAY_MAX_MS: intVar(30_000, 0, 3_600_000),
  })
  .transform((e): RestartPolicyConfig => ({
    limit: e.CRM_RESTART_LIMIT,
    windowMs: e.CRM_RESTART_WINDOW_SECONDS,
    delayMs: e.CRM_RESTART_DELAY_MS,
    maxDelayMs: Math.max(e.CRM_RESTART_DELAY_MS, e.CRM_RESTART_DELAY_MAX_MS),
  }));

/** The supervisor's settings, validated (a bad value is a ConfigError naming the variable). */
export function loadRestartPolicy(env: NodeJS.ProcessEnv = process.env): RestartPolicyConfig {
  return parseEnv(schema, env);
}

export type RestartDecision =
  | { action: 'restart'; /** restarts of this app so far, this one included */ restart: number; crashesInWindow: number; delayMs: number }
  | { action: 'give-up'; crashesInWindow: number };

/** Exit code of an app whose configuration is invalid (EX_CONFIG): restarting cannot help. */
export const EXIT_CONFIG = 78;

export class RestartPolicy {
  private readonly crashes = new Map<string, number[]>();
  private readonly restarts = new Map<string, number>();

  constructor(readonly config: RestartPolicyConfig) {}

  /** Records a crash of `app` at `now` and says what to do about it. */
  onCrash(app: string, now = Date.now()): RestartDecision {
    const recent = (this.crashes.get(app) ?? []).filter((t) => now - t < this.config.windowMs);
    recent.push(now);
    this.crashes.set(app, recent);
    if (recent.length >= this.config.limit) return { action: 'give-up', crashesInWindow: recent.length };
    const restart = (this.restarts.get(app) ?? 0) + 1;
    this.restarts.set(app, restart);
    // Crashes that fell out of the window no longer slow the next restart down.
    const delayMs = Math.min(this.config.maxDelayMs, this.config.delayMs * 2 ** (recent.length - 1));
    return { action: 'restart', restart, crashesInWindow: recent.length, delayMs };
  }
}

/** "exit code 1" / "signal SIGKILL", for log lines. */
export function describeExit(code: number | null, signal: string | null): string {
  return signal ? `signal ${signal}` : `exit code ${code ?? 'unknown'}`;
}
