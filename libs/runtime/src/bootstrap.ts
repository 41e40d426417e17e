import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { ConfigError, describeConfig, loadConfig, loadDotenvOnce, type AppConfigLoader, type CrmConfig } from '@crm/config';
import type { AppName } from '@crm/contracts';
import { CrmServerRMQ } from '@crm/messaging';
import { CallMetrics } from './metrics.js';
import { createRootLogger, PinoNestLogger } from './pino-logger.js';

export interface BootOptions<A = undefined> {
  app: AppName;
  /** The app's own part of the configuration, validated after the platform part (none for apps that only need the platform). */
  appConfig?: AppConfigLoader<A>;
  module: (config: CrmConfig, appConfig: A) => DynamicModule;
  env?: NodeJS.ProcessEnv;
  /** Tests pass 0 to get a free port. */
  httpPort?: number;
  /** Last HTTP setup before the app listens (e.g. OpenAPI documents, CORS). */
  beforeListen?: (app: INestApplication, config: CrmConfig, appConfig: A) => void;
}

/**
 * Reads and validates the platform part of the configuration (or, given a loader, the app's own
 * part), or stops the process naming the variable (never its value).
 */
export function configOrExit(): CrmConfig;
export function configOrExit<A>(load: (env: NodeJS.ProcessEnv) => A): A;
export function configOrExit(load: (env: NodeJS.ProcessEnv) => unknown = loadConfig): unknown {
  loadDotenvOnce();
  try {
    return load(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

function withAppPart<A>(config: CrmConfig, env: NodeJS.ProcessEnv, load: AppConfigLoader<A>): [CrmConfig, A] {
  return [config, load(env, config)];
}

/** The platform part, then the app's own part: what one app (or its operator process) validates at start. */
export function appConfigOrExit<A>(load: AppConfigLoader<A>): [CrmConfig, A] {
  const config = configOrExit();
  return [config, configOrExit((env) => load(env, config))];
}

/** Starts one app: HTTP (health, metrics, app routes) plus its RMQ consumer on `<ns>.<app>`. */
export async function bootstrapCrmApp<A = undefined>(o: BootOptions<A>): Promise<INestApplication> {
  const load = o.appConfig ?? ((): A => undefined as A);
  const [config, appConfig] = o.env ? withAppPart(loadConfig(o.env), o.env, load) : appConfigOrExit(load);
  const root = createRootLogger(o.app, config.logLevel);
  const logger = new PinoNestLogger(root);
  const app = await NestFactory.create(o.module(config, appConfig), { logger, abortOnError: false });
  app.enableShutdownHooks();
  app.connectMicroservice(
    {
      strategy: new CrmServerRMQ({
        service: o.app,
        namespace: config.namespace,
        amqpUrl: config.amqpUrl,
        queueType: config.queueType,
        prefetch: config.prefetch,
        observer: new CallMetrics(o.app),
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  o.beforeListen?.(app, config, appConfig);
  const port = o.httpPort ?? config.httpPorts[o.app];
  await app.listen(port);
  root.info({ config: describeConfig(config), port: (app.getHttpServer().address() as { port: number }).port }, `${o.app} started`);
  return app;
}
