/** DI tokens for values that are not classes. */
export const CRM_CONFIG = Symbol('CRM_CONFIG');
export const APP_NAME = Symbol('APP_NAME');
