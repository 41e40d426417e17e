import type { FeatureSchema } from '../sales-schema.js';
import { Partner1764000410000 } from './1764000410000-partner.migration.js';
import { DealRegistrationEntity, PartnerEntity } from './partner.entity.js';

/** The tables of this feature and the migrations that make them. */
export const PARTNER_SCHEMA: FeatureSchema = { entities: [PartnerEntity, DealRegistrationEntity], migrations: [Partner1764000410000] };
