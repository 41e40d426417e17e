/** DI token of the validated platform `CrmConfig` (re-exported by `@crm/runtime`, which provides it). */
export const CRM_CONFIG = Symbol('CRM_CONFIG');
