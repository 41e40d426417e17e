import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { ConfigError, describeConfig, loadConfig, loadDotenvOnce, type CrmConfig } from '@crm/config';
import type { AppName } from '@crm/contracts';
import { CrmServerRMQ } from '@crm/messaging';
import { EventMac } from '@crm/security';
import { CallMetrics } from './metrics.js';
import { createRootLogger, PinoNestLogger } from './pino-logger.js';

export interface BootOptions {
  app: AppName;
  module: (config: CrmConfig) => DynamicModule;
  env?: NodeJS.ProcessEnv;
  /** Tests pass 0 to get a free port. */
  httpPort?: number;
  /** Last HTTP setup before the app listens (e.g. OpenAPI documents). */
  beforeListen?: (app: INestApplication, config: CrmConfig) => void;
}

/** Reads and validates configuration, or stops the process naming the variable (never its value). */
export function configOrExit(env?: NodeJS.ProcessEnv): CrmConfig {
  loadDotenvOnce();
  try {
    return loadConfig(env ?? process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** Starts one app: HTTP (health, metrics, app routes) plus its RMQ consumer on `<ns>.<app>`. */
export async function bootstrapCrmApp(o: BootOptions): Promise<INestApplication> {
  const config = o.env ? loadConfig(o.env) : configOrExit();
  const root = createRootLogger(o.app, config.logLevel);
  const logger = new PinoNestLogger(root);
  const app = await NestFactory.create(o.module(config), { logger, abortOnError: false });
  app.enableShutdownHooks();
  // The operator console (served by audit) signs in here from the browser: CONSOLE_ORIGINS only.
  if (o.app === 'auth') app.enableCors({ origin: config.console.origins, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'], maxAge: 600 });
  app.connectMicroservice(
    {
      strategy: new CrmServerRMQ({
        service: o.app,
        namespace: config.namespace,
        amqpUrl: config.amqpUrl,
        queueType: config.queueType,
        prefetch: config.prefetch,
        observer: new CallMetrics(o.app),
        sealer: new EventMac(config.namespace, config.masterKeys),
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  o.beforeListen?.(app, config);
  const port = o.httpPort ?? config.httpPorts[o.app];
  await app.listen(port);
  root.info({ config: describeConfig(config), port: (app.getHttpServer().address() as { port: number }).port }, `${o.app} started`);
  return app;
}
