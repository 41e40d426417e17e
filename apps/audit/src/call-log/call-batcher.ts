import { parseCallEventMessage, type StorableCallEvent } from './call-event.parser.js';
import type { CallStore } from './call-log.repository.js';
import { EventBatcher, type BatcherOptions, type IngestObserver } from '../ingest/event-batcher.js';

/** The batcher of `<ns>.audit.calls`: the generic batcher with the call-event parser. */
export class CallBatcher extends EventBatcher<StorableCallEvent> {
  constructor(store: CallStore, observer: IngestObserver, options: Partial<BatcherOptions> = {}) {
    super(store, observer, parseCallEventMessage, options, 'call event', 'CallBatcher');
  }
}
