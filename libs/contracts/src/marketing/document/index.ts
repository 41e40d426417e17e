/** The marketing app's document contracts: one file per message beside this barrel. */
import {
  MARKETING_DOCUMENT_CREATED_V1,
  MARKETING_DOCUMENT_SHARED_V1,
  MARKETING_DOCUMENT_UPDATED_V1,
  type DocumentCreatedData,
  type DocumentSharedData,
  type DocumentUpdatedData,
} from './document-events.js';

export * from './document.types.js';
export * from './document-content.dto.js';
export * from './create-document.dto.js';
export * from './update-document.dto.js';
export * from './share-document.dto.js';
export * from './get-document.dto.js';
export * from './download-document.dto.js';
export * from './list-documents.dto.js';
export * from './document-events.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface MarketingDocumentEventPayloads {
  [MARKETING_DOCUMENT_CREATED_V1]: DocumentCreatedData;
  [MARKETING_DOCUMENT_UPDATED_V1]: DocumentUpdatedData;
  [MARKETING_DOCUMENT_SHARED_V1]: DocumentSharedData;
}
