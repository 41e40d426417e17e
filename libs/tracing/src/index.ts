export * from './trace-ids.js';
export * from './trace-span.js';
export * from './tracing-setup.js';
