import type { DocumentView } from './document.types.js';

/** Published by marketing when a document is added: its metadata (never content). */
export const MARKETING_DOCUMENT_CREATED_V1 = 'marketing.document.created.v1';
export type DocumentCreatedData = Omit<DocumentView, 'versions'>;

/** Published when a document's metadata changes or a new content version is uploaded. */
export const MARKETING_DOCUMENT_UPDATED_V1 = 'marketing.document.updated.v1';
export type DocumentUpdatedData = Omit<DocumentView, 'versions'> & { changedFields: string[] };

/** Published when who a document is shared with changes. */
export const MARKETING_DOCUMENT_SHARED_V1 = 'marketing.document.shared.v1';
export type DocumentSharedData = Omit<DocumentView, 'versions'>;
