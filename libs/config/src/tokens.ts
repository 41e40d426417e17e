/** DI token of the validated `CrmConfig` (re-exported by `@crm/runtime`, which provides it). */
export const CRM_CONFIG = Symbol('CRM_CONFIG');
