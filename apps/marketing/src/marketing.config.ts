import { z } from 'zod';
import { intVar, parseEnv, type AppConfigLoader } from '@crm/config';

/** DI token of the validated `MarketingConfig` (provided through `RuntimeModule.forApp`). */
export const MARKETING_CONFIG = Symbol('MARKETING_CONFIG');

/** marketing's own part of the configuration (README "Configuration"). */
export interface MarketingConfig {
  /** Leads re-scored per transaction when scoring rules change (a background job). */
  rescoreBatchSize: number;
  /** Largest collateral document accepted, in bytes (SPEC §6.1: up to 10 MiB). */
  documentMaxBytes: number;
  /** Capture batches (group commits) a process writes at once. */
  captureBatchesInFlight: number;
}

const schema = z
  .object({
    MARKETING_RESCORE_BATCH: intVar(1000, 1, 100_000),
    MARKETING_DOCUMENT_MAX_BYTES: intVar(10 * 1024 * 1024, 1024, 10 * 1024 * 1024),
    MARKETING_CAPTURE_BATCHES: intVar(1, 1, 8),
  })
  .transform((e): MarketingConfig => ({
    rescoreBatchSize: e.MARKETING_RESCORE_BATCH,
    documentMaxBytes: e.MARKETING_DOCUMENT_MAX_BYTES,
    captureBatchesInFlight: e.MARKETING_CAPTURE_BATCHES,
  }));

/** Reads marketing's part of the environment. */
export const loadMarketingConfig: AppConfigLoader<MarketingConfig> = (env) => parseEnv(schema, env);
