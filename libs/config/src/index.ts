export * from './crm-config.js';
