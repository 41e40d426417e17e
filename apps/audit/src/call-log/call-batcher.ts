import { callEventParser, type StorableCallEvent } from './call-event.parser.js';
import type { EventAuthenticator } from '../ingest/event-authenticity.js';
import type { CallStore } from './call-log.repository.js';
import { EventBatcher, type BatcherOptions, type IngestObserver } from '../ingest/event-batcher.js';

export { DEFAULT_BATCHER_OPTIONS, type AckChannel, type BatcherOptions as CallBatcherOptions, type IngestObserver } from '../ingest/event-batcher.js';

/** The batcher of `<ns>.audit.calls`: the generic batcher with the (authenticating) call-event parser. */
export class CallBatcher extends EventBatcher<StorableCallEvent> {
  constructor(store: CallStore, observer: IngestObserver, auth: EventAuthenticator, options: Partial<BatcherOptions> = {}) {
    super(store, observer, callEventParser(auth), options, 'call event', 'CallBatcher');
  }
}
