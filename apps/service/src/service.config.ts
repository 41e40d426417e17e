import { z } from 'zod';
import { parseEnv, textVar, type AppConfigLoader } from '@crm/config';

/** DI token of the validated `ServiceConfig` (provided through `RuntimeModule.forApp`). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** service's own part of the configuration, validated by the service app only. */
export interface ServiceConfig {
  /** EOMS's inbound queue, where service sends stage and final replies. */
  eomsQueue: string;
}

const serviceSchema = z.object({ EOMS_QUEUE: textVar('eoms.inbound') }).transform((e): ServiceConfig => ({ eomsQueue: e.EOMS_QUEUE }));

/** Reads service's part of the environment. */
export const loadServiceConfig: AppConfigLoader<ServiceConfig> = (env) => parseEnv(serviceSchema, env);
