import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { ConfigError, describeConfig, loadConfig, loadDotenvOnce, type AppConfigLoader, type CrmConfig } from '@crm/config';
import { names, type AppName } from '@crm/contracts';
import { CrmServerRMQ } from '@crm/messaging';
import { migrateDatabase } from '@crm/persistence';
import { EventMac } from '@crm/security';
import { installTracing } from '@crm/tracing';
import { setupApiDocs, type ApiDocsOptions } from './api-docs.js';
import { traceHttpRequests } from './http-tracing.js';
import { CallMetrics } from './metrics.js';
import { createRootLogger, PinoNestLogger } from './pino-logger.js';
import { RuntimeModule } from './runtime.module.js';

export interface BootOptions<A = undefined> {
  app: AppName;
  /** The app's own part of the configuration, validated after the platform part (none for apps that only need the platform). */
  appConfig?: AppConfigLoader<A>;
  module: (config: CrmConfig, appConfig: A) => DynamicModule;
  env?: NodeJS.ProcessEnv;
  /** Tests pass 0 to get a free port. */
  httpPort?: number;
  /** What `/docs` says about this app's HTTP API (every app serves `/docs`, `/docs-json` and `/asyncapi.json`). */
  apiDocs?: ApiDocsOptions;
  /** Last HTTP setup before the app listens (e.g. CORS). */
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

/**
 * Headers of every HTTP answer (issue 8): helmet's set (`X-Content-Type-Options: nosniff`, no
 * `X-Powered-By`, frame and referrer rules, ...) and `Cache-Control: no-store`, since API answers
 * carry audit rows, tokens and personal data. Pages that need other values set their own: the
 * console its strict CSP and `no-cache` for its static files. Helmet's CSP is off so it cannot
 * fight those (and Swagger UI at `/docs` keeps working); HSTS belongs to the TLS-terminating proxy.
 */
export function secureHttpHeaders(app: INestApplication): void {
  app.use(helmet({ contentSecurityPolicy: false, strictTransportSecurity: false }));
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
}

/** What names an app and builds its module: the part of its entry's options the migrate command needs too (`apps/<app>/src/<app>.app.ts`). */
export type AppDefinition<A = undefined> = Pick<BootOptions<A>, 'app' | 'appConfig' | 'module'>;

/**
 * One app's part of `node dist/scripts/migrate/main.js`: builds the app's module only to read the
 * schema `RuntimeModule.forApp` was given (no Nest application), creates the app's database when
 * missing and runs its pending migrations with DATABASE_URL's account (an administrator's). Reports on
 * stderr; returns whether it succeeded.
 */
export async function migrateApp<A>(d: AppDefinition<A>, config: CrmConfig): Promise<boolean> {
  const appConfig = d.appConfig ? configOrExit((env) => d.appConfig!(env, config)) : (undefined as A);
  const schema = RuntimeModule.schemaOf(d.module(config, appConfig));
  if (!schema) throw new Error(`${d.app}'s module does not import RuntimeModule.forApp`);
  const target = { databaseUrl: config.databaseUrl, database: names.database(config.namespace, d.app) };
  try {
    const ran = await migrateDatabase(target, schema.entities, schema.migrations, d.app);
    process.stderr.write(
      `${d.app}: ${ran.length ? `ran ${ran.length} migration(s) on ${target.database}` : `${target.database} is up to date`}\n`,
    );
    return true;
  } catch (error) {
    // The message only: a failed statement's parameters never reach the output.
    process.stderr.write(`${d.app}: migrating ${target.database} failed: ${(error as Error).message}\n`);
    return false;
  }
}

/** Starts one app: HTTP (health, metrics, app routes) plus its RMQ consumer on `<ns>.<app>`. */
export async function bootstrapCrmApp<A = undefined>(o: BootOptions<A>): Promise<INestApplication> {
  const load = o.appConfig ?? ((): A => undefined as A);
  const [config, appConfig] = o.env ? withAppPart(loadConfig(o.env), o.env, load) : appConfigOrExit(load);
  const root = createRootLogger(o.app, config.logLevel);
  const logger = new PinoNestLogger(root);
  // Before anything handles a message: spans are exported from the first one (RuntimeModule flushes at shutdown).
  await installTracing({ app: o.app, namespace: config.namespace, tracing: config.tracing });
  const app = await NestFactory.create(o.module(config, appConfig), { logger, abortOnError: false });
  app.enableShutdownHooks();
  app.use(traceHttpRequests);
  secureHttpHeaders(app);
  app.connectMicroservice(
    {
      strategy: new CrmServerRMQ({
        service: o.app,
        namespace: config.namespace,
        amqpUrls: config.amqpUrls,
        queueType: config.queueType,
        prefetch: config.prefetch,
        limits: { maxBytes: config.messaging.maxMessageBytes[o.app], maxDepth: config.messaging.maxMessageDepth },
        deadQueueBounds: config.messaging.deadQueue,
        protectedQueues: [config.eomsQueue],
        handlerDeadlineMs: config.messaging.handlerDeadlineMs,
        observer: new CallMetrics(o.app),
        sealer: new EventMac(config.namespace, config.masterKeys),
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  setupApiDocs(app, o.app, o.apiDocs);
  o.beforeListen?.(app, config, appConfig);
  const port = o.httpPort ?? config.httpPorts[o.app];
  await app.listen(port);
  root.info({ config: describeConfig(config), port: (app.getHttpServer().address() as { port: number }).port }, `${o.app} started`);
  stopWithSupervisor(app, root);
  return app;
}

/**
 * Under `npm start` (which sets CRM_SUPERVISOR_PID): shuts the app down when its supervisor is gone,
 * e.g. killed with SIGKILL, so no app is left holding its port with nobody to stop or restart it.
 */
function stopWithSupervisor(app: INestApplication, log: ReturnType<typeof createRootLogger>): void {
  const supervisor = Number(process.env.CRM_SUPERVISOR_PID);
  if (!Number.isInteger(supervisor) || supervisor <= 1) return;
  const timer = setInterval(() => {
    if (process.ppid === supervisor) return;
    clearInterval(timer);
    log.warn({ supervisor }, 'the npm start that started this app is gone: shutting down');
    void app.close().finally(() => process.exit(0));
  }, 1000);
  timer.unref();
}
