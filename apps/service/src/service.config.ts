import { z } from 'zod';
import { intVar, parseEnv, type AppConfigLoader } from '@crm/config';

/** DI token of the validated `ServiceConfig` (provided through `RuntimeModule.forApp`). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** service's own part of the configuration (README "Configuration"). */
export interface ServiceConfig {
  /** A closed case may be reopened within this many hours of closing. */
  caseReopenHours: number;
  /** `service.case.sla-warning.v1` fires when this share of a target's time has elapsed. */
  slaWarningPercent: number;
  /** How often the SLA clock looks for due warnings and breaches (events must leave within 5 s). */
  slaTickMs: number;
}

const schema = z
  .object({
    SERVICE_CASE_REOPEN_HOURS: intVar(168, 0, 8760),
    SERVICE_SLA_WARNING_PERCENT: intVar(80, 1, 99),
    SERVICE_SLA_TICK_MS: intVar(1000, 100, 60_000),
  })
  .transform((e): ServiceConfig => ({
    caseReopenHours: e.SERVICE_CASE_REOPEN_HOURS,
    slaWarningPercent: e.SERVICE_SLA_WARNING_PERCENT,
    slaTickMs: e.SERVICE_SLA_TICK_MS,
  }));

/** Reads service's part of the environment. */
export const loadServiceConfig: AppConfigLoader<ServiceConfig> = (env) => parseEnv(schema, env);
