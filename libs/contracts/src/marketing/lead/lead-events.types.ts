import type { LeadView } from './lead.types.js';

/**
 * What lead events carry of the lead: the view without the personal fields (phone, e-mail) and the
 * free attributes, which consumers (campaigns, plans, conversion) do not need; they read the lead.
 */
export type LeadEventView = Omit<LeadView, 'phone' | 'email' | 'attributes'>;
