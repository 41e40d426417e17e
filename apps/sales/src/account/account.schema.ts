import type { FeatureSchema } from '../sales-schema.js';
import { Customer1763880800000 } from './1763880800000-customer.migration.js';
import { CustomerOwner1763881520000 } from './1763881520000-customer-owner.migration.js';
import { Account1764000100000 } from './1764000100000-account.migration.js';
import { Contact1764000110000 } from './1764000110000-contact.migration.js';
import { AccountEntity } from './account.entity.js';
import { ContactEntity } from './contact.entity.js';

/**
 * The tables of this feature and the migrations that make them. The first two created the
 * `customer` table that `Account1764000100000` renames; TypeORM runs every migration of the app in
 * timestamp order, so they keep their places before the outbox's and everything later.
 */
export const ACCOUNT_SCHEMA: FeatureSchema = {
  entities: [AccountEntity, ContactEntity],
  migrations: [Customer1763880800000, CustomerOwner1763881520000, Account1764000100000, Contact1764000110000],
};
