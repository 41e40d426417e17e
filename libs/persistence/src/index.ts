export * from './database.js';
export * from './retry.js';
export * from './duplicate-key.js';
export * from './list-cursor.js';
export * from './keyset-query.js';
export * from './page-query.dto.js';
export * from './data-scope.js';
export * from './update-date.subscriber.js';
