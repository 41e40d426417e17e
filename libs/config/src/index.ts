export * from './config-error.js';
export * from './crm-config.js';
export * from './env-schema.js';
export * from './tracing-config.js';
export * from './tokens.js';
