import type { FeatureSchema } from '../marketing-schema.js';
import { Campaign1765000201000 } from './1765000201000-campaign.migration.js';
import { CampaignStepEntity } from './campaign-step.entity.js';
import { CampaignEntity } from './campaign.entity.js';

/** The tables of this feature and the migrations that make them (members: plain SQL, no entity). */
export const CAMPAIGN_SCHEMA: FeatureSchema = { entities: [CampaignEntity, CampaignStepEntity], migrations: [Campaign1765000201000] };
