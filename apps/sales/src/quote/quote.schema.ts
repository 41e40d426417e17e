import type { FeatureSchema } from '../sales-schema.js';
import { Quote1764000300300 } from './1764000300300-quote.migration.js';
import { QuoteLineEntity } from './quote-line.entity.js';
import { QuoteEntity } from './quote.entity.js';

/** The tables of this feature and the migrations that make them. */
export const QUOTE_SCHEMA: FeatureSchema = { entities: [QuoteEntity, QuoteLineEntity], migrations: [Quote1764000300300] };
