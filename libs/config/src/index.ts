export * from './crm-config.js';
export * from './tokens.js';
