import type { FeatureSchema } from '../sales-schema.js';
import { Contract1764000400000 } from './1764000400000-contract.migration.js';
import { ContractEntity, ContractLineEntity } from './contract.entity.js';

/** The tables of this feature and the migrations that make them. */
export const CONTRACT_SCHEMA: FeatureSchema = { entities: [ContractEntity, ContractLineEntity], migrations: [Contract1764000400000] };
