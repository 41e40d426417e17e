/** Broker names of SPEC §2, all derived from the namespace so installations never collide. */
export const APP_NAMES = ['auth', 'marketing', 'sales', 'service', 'audit'] as const;
export type AppName = (typeof APP_NAMES)[number];

export function isAppName(value: string): value is AppName {
  return (APP_NAMES as readonly string[]).includes(value);
}

export const names = {
  requestQueue: (ns: string, app: AppName) => `${ns}.${app}`,
  deadQueue: (ns: string, app: AppName) => `${ns}.${app}.dead`,
  deadLetterExchange: (ns: string) => `${ns}.dlx`,
  eventsExchange: (ns: string) => `${ns}.events`,
  auditCallQueue: (ns: string) => `${ns}.audit.calls`,
  auditOperationQueue: (ns: string) => `${ns}.audit.operations`,
  /** Audit's alert rules read their own copy of call events (and a few other events) from here. */
  auditAlertFeedQueue: (ns: string) => `${ns}.audit.alert-feed`,
  auditAlertFeedDeadQueue: (ns: string) => `${ns}.audit.alert-feed.dead`,
  /** An app's own copy of the events one of its features consumes (SPEC §6.0 cross-app flows). */
  inboxQueue: (ns: string, app: AppName, purpose: string) => `${ns}.${app}.in.${purpose}`,
  inboxDeadQueue: (ns: string, app: AppName, purpose: string) => `${ns}.${app}.in.${purpose}.dead`,
  database: (ns: string, app: AppName) => `${ns}_${app}`,
  /** Caller name an app presents when it calls another CRM app. */
  systemCaller: (app: AppName) => `crm-${app}`,
};
