import { CALLER_CHANGED_V1, type CallerChangedData } from '@crm/contracts';
import type { EventPublisher } from '@crm/messaging';
import type { CallerChangeNotifier } from './caller.service.js';

/** Publishes caller changes on `<ns>.events`; every app's cache listener drops the caller. */
export class BrokerCallerChangeNotifier implements CallerChangeNotifier {
  constructor(private readonly events: EventPublisher) {}

  async callerChanged(change: CallerChangedData): Promise<void> {
    await this.events.publish(CALLER_CHANGED_V1, change);
  }
}
