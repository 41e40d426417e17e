import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  MARKETING_DOCUMENT_CREATED_V1,
  MARKETING_DOCUMENT_SHARED_V1,
  MARKETING_DOCUMENT_UPDATED_V1,
  type CreateDocumentDto,
  type DocumentContentView,
  type DocumentPage,
  type DocumentView,
  type DownloadDocumentDto,
  type ListDocumentsDto,
  type ShareDocumentDto,
  type UpdateDocumentDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { MARKETING_CONFIG, type MarketingConfig } from '../marketing.config.js';
import { canChange, canSee, viewerOf } from './document-audience.js';
import { checkContent } from './document-content.js';
import type { DocumentEntity, DocumentVersionEntity } from './document.entity.js';
import { toDocumentVersionView, toDocumentView } from './document.mapper.js';
import { DOCUMENT_LIST, DocumentRepository } from './document.repository.js';

const META = ['title', 'description', 'tags'] as const;

/**
 * The collateral library (SPEC §6.1 `marketing.document.*`). Content is checked before any
 * transaction opens (size from the base64 length, type from the bytes), so a refused upload costs
 * no database work. A document outside what the employee may see is 4040, as if missing; sharing
 * lets others read, not change. Every change records its operation-log entry and its event.
 */
@Injectable()
export class DocumentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(DocumentRepository) private readonly documents: DocumentRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
    @Inject(MARKETING_CONFIG) private readonly config: MarketingConfig,
  ) {}

  async create(dto: CreateDocumentDto, ctx: CallContext): Promise<DocumentView> {
    const employeeId = actingEmployee(ctx);
    const content = checkContent(dto, this.config.documentMaxBytes);
    const id = randomUUID();
    return this.dataSource.transaction(async (m) => {
      const doc = await this.documents.insert(m, {
        id,
        title: dto.title.trim(),
        description: dto.description ?? null,
        tags: unique(dto.tags) ?? [],
        ownerId: employeeId,
        sharedRoles: unique(dto.sharedRoles) ?? [],
        sharedTeams: unique(dto.sharedTeams) ?? [],
        currentVersionNo: 1,
        createdBy: employeeId,
        updatedBy: employeeId,
      });
      const v = await this.documents.addVersion(
        m,
        {
          documentId: id,
          versionNo: 1,
          fileName: content.fileName,
          contentType: content.contentType,
          size: content.size,
          sha256: content.sha256,
          createdBy: employeeId,
        },
        content.bytes,
      );
      const view = toDocumentView(doc, v);
      await this.changes.record(m, ctx, {
        entity: 'document',
        entityId: id,
        action: 'create',
        before: null,
        after: { ...pick(doc), sharedRoles: doc.sharedRoles, sharedTeams: doc.sharedTeams, file: fileOf(v) },
        event: { pattern: MARKETING_DOCUMENT_CREATED_V1, data: view },
      });
      return view;
    });
  }

  async update(dto: UpdateDocumentDto, ctx: CallContext): Promise<DocumentView> {
    const employeeId = actingEmployee(ctx);
    const content = dto.content ? checkContent(dto.content, this.config.documentMaxBytes, 'content.') : null;
    return this.dataSource.transaction(async (m) => {
      const row = await this.changeable(m, dto.documentId, ctx, employeeId, dto.version);
      const patch: Partial<DocumentEntity> = {};
      const next = { title: dto.title?.trim(), description: dto.description, tags: unique(dto.tags) };
      for (const f of META)
        if (next[f] !== undefined && JSON.stringify(next[f]) !== JSON.stringify(row[f])) (patch as Record<string, unknown>)[f] = next[f];
      const changed = Object.keys(patch);
      const before = await this.current(m, row);
      if (!content && changed.length === 0) return toDocumentView(row, before);
      let current = before;
      if (content) {
        current = await this.documents.addVersion(
          m,
          {
            documentId: row.id,
            versionNo: row.currentVersionNo + 1,
            fileName: content.fileName,
            contentType: content.contentType,
            size: content.size,
            sha256: content.sha256,
            createdBy: employeeId,
          },
          content.bytes,
        );
        patch.currentVersionNo = current.versionNo;
        changed.push('content');
      }
      const after = await this.documents.update(m, row.id, { ...patch, version: row.version + 1, updatedBy: employeeId });
      const view = toDocumentView(after, current);
      await this.changes.record(m, ctx, {
        entity: 'document',
        entityId: row.id,
        action: content ? 'upload' : 'update',
        before: { ...pick(row), file: fileOf(before) },
        after: { ...pick(after), file: fileOf(current) },
        event: { pattern: MARKETING_DOCUMENT_UPDATED_V1, data: { ...view, changedFields: changed } },
      });
      return view;
    });
  }

  async share(dto: ShareDocumentDto, ctx: CallContext): Promise<DocumentView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const row = await this.changeable(m, dto.documentId, ctx, employeeId, dto.version);
      const sharedRoles = unique(dto.roles)!.sort();
      const sharedTeams = unique(dto.teams)!.sort();
      const current = await this.current(m, row);
      if (
        JSON.stringify(sharedRoles) === JSON.stringify(row.sharedRoles) &&
        JSON.stringify(sharedTeams) === JSON.stringify(row.sharedTeams)
      )
        return toDocumentView(row, current);
      const after = await this.documents.update(m, row.id, { sharedRoles, sharedTeams, version: row.version + 1, updatedBy: employeeId });
      const view = toDocumentView(after, current);
      await this.changes.record(m, ctx, {
        entity: 'document',
        entityId: row.id,
        action: 'share',
        before: { sharedRoles: row.sharedRoles, sharedTeams: row.sharedTeams },
        after: { sharedRoles, sharedTeams },
        event: { pattern: MARKETING_DOCUMENT_SHARED_V1, data: view },
      });
      return view;
    });
  }

  async get(documentId: string, ctx: CallContext): Promise<DocumentView> {
    const row = await this.visible(documentId, ctx);
    const versions = await this.documents.versions(row.id);
    return toDocumentView(
      row,
      versions.find((v) => v.versionNo === row.currentVersionNo)!,
      versions,
    );
  }

  async download(dto: DownloadDocumentDto, ctx: CallContext): Promise<DocumentContentView> {
    const row = await this.visible(dto.documentId, ctx);
    const versionNo = dto.versionNo ?? row.currentVersionNo;
    const v = await this.documents.findVersion(row.id, versionNo);
    const bytes = v ? await this.documents.content(row.id, versionNo) : null;
    if (!v || !bytes) throw new CrmError(ErrorCode.NotFound, `document ${row.id} has no version ${versionNo}`);
    return { documentId: row.id, ...toDocumentVersionView(v), contentBase64: bytes.toString('base64') };
  }

  async list(q: ListDocumentsDto, ctx: CallContext): Promise<DocumentPage> {
    const viewer = viewerOf(ctx, actingEmployee(ctx));
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(DOCUMENT_LIST, q.cursor);
    const rows = await this.documents.list(q, viewer, limit, position);
    const current = await this.documents.currentVersions(rows.slice(0, limit));
    return toPage(DOCUMENT_LIST, this.cursors, rows, limit, (d) => toDocumentView(d, current.get(d.id)!));
  }

  private async visible(documentId: string, ctx: CallContext): Promise<DocumentEntity> {
    const viewer = viewerOf(ctx, actingEmployee(ctx));
    const row = await this.documents.findById(documentId);
    if (!row || !canSee(row, viewer)) throw new CrmError(ErrorCode.NotFound, `document ${documentId} not found`);
    return row;
  }

  /** The document locked for a change by this employee: 4040 unless they may see it, 4030 unless they may change it, 4090 if stale. */
  private async changeable(
    m: EntityManager,
    documentId: string,
    ctx: CallContext,
    employeeId: string,
    version: number,
  ): Promise<DocumentEntity> {
    const viewer = viewerOf(ctx, employeeId);
    const row = await this.documents.findById(documentId, m, true);
    if (!row || !canSee(row, viewer)) throw new CrmError(ErrorCode.NotFound, `document ${documentId} not found`);
    if (!canChange(row, viewer)) throw new CrmError(ErrorCode.Forbidden, `document ${documentId} is shared with you for reading only`);
    if (row.version !== version) throw new CrmError(ErrorCode.Conflict, `stale version: document ${row.id} is at version ${row.version}`);
    return row;
  }

  private async current(m: EntityManager, row: DocumentEntity): Promise<DocumentVersionEntity> {
    const v = await this.documents.findVersion(row.id, row.currentVersionNo, m);
    if (!v) throw new CrmError(ErrorCode.Internal, `document ${row.id} lacks its current version`);
    return v;
  }
}

function unique(values: string[] | undefined): string[] | undefined {
  return values === undefined ? undefined : [...new Set(values)];
}

function pick(d: DocumentEntity): Record<string, unknown> {
  return Object.fromEntries(META.map((f) => [f, d[f]]));
}

function fileOf(v: DocumentVersionEntity): Record<string, unknown> {
  return { versionNo: v.versionNo, fileName: v.fileName, contentType: v.contentType, size: v.size, sha256: v.sha256 };
}
