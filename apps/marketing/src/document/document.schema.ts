import type { FeatureSchema } from '../marketing-schema.js';
import { Document1765000320000 } from './1765000320000-document.migration.js';
import { DocumentEntity, DocumentVersionEntity } from './document.entity.js';

/** The tables of this feature and the migrations that make them (`document_content` is read with plain SQL). */
export const DOCUMENT_SCHEMA: FeatureSchema = { entities: [DocumentEntity, DocumentVersionEntity], migrations: [Document1765000320000] };
