export * from './outbox-message.entity.js';
export * from './outbox-message.migration.js';
export * from './outbox-writer.js';
export * from './outbox-relay.js';
export * from './outbox.module.js';
