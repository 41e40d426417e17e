import type { CalendarView, SlaPolicyView } from './sla.types.js';

/** Published on every create or update of a business calendar (its whole view). */
export const SERVICE_CALENDAR_CHANGED_V1 = 'service.calendar.changed.v1';
export type CalendarChangedData = CalendarView;

/** Published on every create or update of an SLA policy (its whole view). */
export const SERVICE_SLA_POLICY_CHANGED_V1 = 'service.sla-policy.changed.v1';
export type SlaPolicyChangedData = SlaPolicyView;
