export * from './outbox-message.entity.js';
export * from './outbox-message.migration.js';
export * from './outbox-streams.migration.js';
export * from './outbox-writer.js';
export * from './outbox-relay.js';
export * from './outbox.module.js';
export * from './change-diff.js';
export * from './change-recorder.js';
