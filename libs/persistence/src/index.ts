export * from './database.js';
export * from './retry.js';
export * from './data-scope.js';
