export * from './inbox-handler.decorator.js';
export * from './inbox-event.parser.js';
export * from './inbox-consumer.js';
export * from './inbox-routes.js';
export * from './inbox.migration.js';
export * from './inbox.module.js';
