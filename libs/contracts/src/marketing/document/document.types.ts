/**
 * The shared collateral library (资料共享, SPEC §6.1 `marketing.document.*`). A document has
 * metadata (title, description, tags, sharing) and content versions: each upload is a new version
 * with its own content type, size and SHA-256. Metadata replies never carry content; `download`
 * returns one version's bytes as base64. docs/marketing/competitors-industry-documents.md.
 */

/** The content types the library accepts, each with the file-name extensions that go with it. */
export const DOCUMENT_CONTENT_TYPES = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'text/plain': ['txt'],
  'text/markdown': ['md', 'markdown'],
} as const;
export type DocumentContentType = keyof typeof DOCUMENT_CONTENT_TYPES;
export const DOCUMENT_CONTENT_TYPE_LIST = Object.keys(DOCUMENT_CONTENT_TYPES) as DocumentContentType[];

/** Tags and role names; team keys may also carry `/` (`sales/north`). */
export const DOCUMENT_TAG_RE = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;
export const DOCUMENT_ROLE_RE = /^[a-z][a-z0-9-]{0,63}$/;
export const DOCUMENT_TEAM_RE = /^[A-Za-z0-9][A-Za-z0-9/_-]{0,99}$/;

export interface DocumentVersionView {
  versionNo: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
}

export interface DocumentView {
  documentId: string;
  title: string;
  description: string | null;
  tags: string[];
  ownerId: string;
  sharedRoles: string[];
  sharedTeams: string[];
  /** The latest content version and its file. */
  currentVersion: DocumentVersionView;
  /** Every content version, newest first (get only; lists leave it out). */
  versions?: DocumentVersionView[];
  /** Optimistic version of the record (metadata and uploads alike). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentPage {
  items: DocumentView[];
  nextCursor: string | null;
}

export interface DocumentContentView extends DocumentVersionView {
  documentId: string;
  contentBase64: string;
}
