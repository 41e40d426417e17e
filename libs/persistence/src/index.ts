export * from './database.js';
export * from './retry.js';
