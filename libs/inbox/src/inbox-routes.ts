import type { Type } from '@nestjs/common';
import { INBOX_SUBSCRIPTIONS, type AppName } from '@crm/contracts';
import type { InboxRoute } from './inbox-consumer.js';
import { inboxHandlersOf, type InboxHandlerFn } from './inbox-handler.decorator.js';

/**
 * Binds the `@InboxHandler` methods of a feature's handler instances and checks them against the
 * declared subscription (libs/contracts `INBOX_SUBSCRIPTIONS`): the queue's bindings and the
 * handlers must name the same patterns, one handler each, or the app refuses to start.
 */
export function inboxRoutes(app: AppName, purpose: string, instances: readonly object[]): InboxRoute[] {
  const subscription = INBOX_SUBSCRIPTIONS.find((s) => s.app === app && s.purpose === purpose);
  if (!subscription)
    throw new Error(`inbox ${app}/${purpose} is not declared in INBOX_SUBSCRIPTIONS (libs/contracts/src/inbox-subscriptions.ts)`);
  const routes: InboxRoute[] = [];
  for (const instance of instances) {
    for (const { pattern, payload, method } of inboxHandlersOf(instance.constructor as Type<object>)) {
      if (routes.some((r) => r.pattern === pattern)) throw new Error(`inbox ${app}/${purpose}: two handlers for ${pattern}`);
      const fn = (instance as Record<string | symbol, InboxHandlerFn>)[method];
      routes.push({ pattern, payload, handle: (event, manager) => fn.call(instance, event, manager) });
    }
  }
  const handled = new Set(routes.map((r) => r.pattern));
  const unbound = [...handled].filter((p) => !subscription.patterns.includes(p));
  const unhandled = subscription.patterns.filter((p) => !handled.has(p));
  if (unbound.length)
    throw new Error(
      `inbox ${app}/${purpose}: handlers for patterns its queue is not bound to: ${unbound.join(', ')} (add them to INBOX_SUBSCRIPTIONS)`,
    );
  if (unhandled.length) throw new Error(`inbox ${app}/${purpose}: no handler for bound patterns: ${unhandled.join(', ')}`);
  return routes;
}
