import type { DocumentVersionView, DocumentView } from '@crm/contracts';
import type { DocumentEntity, DocumentVersionEntity } from './document.entity.js';

export function toDocumentVersionView(v: DocumentVersionEntity): DocumentVersionView {
  return {
    versionNo: v.versionNo,
    fileName: v.fileName,
    contentType: v.contentType,
    size: v.size,
    sha256: v.sha256,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
  };
}

/** Metadata only: no reply built here ever carries content. */
export function toDocumentView(d: DocumentEntity, current: DocumentVersionEntity, versions?: DocumentVersionEntity[]): DocumentView {
  return {
    documentId: d.id,
    title: d.title,
    description: d.description,
    tags: d.tags,
    ownerId: d.ownerId,
    sharedRoles: d.sharedRoles,
    sharedTeams: d.sharedTeams,
    currentVersion: toDocumentVersionView(current),
    ...(versions ? { versions: versions.map(toDocumentVersionView) } : {}),
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
