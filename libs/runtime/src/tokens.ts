/** DI tokens for values that are not classes. */
export { CRM_CONFIG } from '@crm/config';
export const APP_NAME = Symbol('APP_NAME');
