import { z } from 'zod';
import { intVar, parseEnv, type AppConfigLoader } from '@crm/config';

/** DI token of the validated `SalesConfig` (provided through `RuntimeModule.forApp`). */
export const SALES_CONFIG = Symbol('SALES_CONFIG');

/** sales' own part of the configuration (README "Configuration"). */
export interface SalesConfig {
  /** A quote whose total discount (line and header) exceeds this share of its list amount needs approval. */
  quoteApprovalDiscountPercent: number;
  /** `sales.contract.renewal-due.v1` goes out this many days before a contract's end. */
  renewalNoticeDays: number;
  /** How often the renewal and other sales schedules look for due work. */
  scheduleIntervalMs: number;
}

const schema = z
  .object({
    SALES_QUOTE_APPROVAL_DISCOUNT_PERCENT: intVar(15, 0, 100),
    SALES_RENEWAL_NOTICE_DAYS: intVar(60, 1, 3650),
    SALES_SCHEDULE_SECONDS: intVar(30, 1, 86_400, 1000),
  })
  .transform((e): SalesConfig => ({
    quoteApprovalDiscountPercent: e.SALES_QUOTE_APPROVAL_DISCOUNT_PERCENT,
    renewalNoticeDays: e.SALES_RENEWAL_NOTICE_DAYS,
    scheduleIntervalMs: e.SALES_SCHEDULE_SECONDS,
  }));

/** Reads sales' part of the environment. */
export const loadSalesConfig: AppConfigLoader<SalesConfig> = (env) => parseEnv(schema, env);
