import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListDocumentsDto } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { escapeLike } from '../competitor/competitor.repository.js';
import type { Viewer } from './document-audience.js';
import { DocumentEntity, DocumentVersionEntity } from './document.entity.js';

const CONTENT_PIECE = 2 * 1024 * 1024;

export const DOCUMENT_LIST: KeysetList<Pick<DocumentEntity, 'createdAt' | 'id'>> = {
  name: 'marketing.documents',
  keys: [
    { column: 'd.created_at', kind: 'time' },
    { column: 'd.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (d) => [d.createdAt, d.id],
};

/** Documents, their versions and their content (the only reads of `document_content`). */
@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<DocumentEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<DocumentEntity> {
    await m.getRepository(DocumentEntity).insert(row);
    return m.getRepository(DocumentEntity).findOneByOrFail({ id: row.id });
  }

  async update(m: EntityManager, id: string, patch: Partial<DocumentEntity>): Promise<DocumentEntity> {
    await m.getRepository(DocumentEntity).update({ id }, patch);
    return m.getRepository(DocumentEntity).findOneByOrFail({ id });
  }

  async addVersion(m: EntityManager, v: Omit<DocumentVersionEntity, 'createdAt'>, content: Buffer): Promise<DocumentVersionEntity> {
    await m.getRepository(DocumentVersionEntity).insert(v);
    // The driver sends a Buffer inside the statement as hex (twice its size), so 10 MiB in one
    // statement would pass max_allowed_packet (16 MiB by default): the bytes go in 2 MiB pieces.
    await m.query('INSERT INTO document_content (document_id, version_no, content) VALUES (?, ?, ?)', [
      v.documentId,
      v.versionNo,
      content.subarray(0, CONTENT_PIECE),
    ]);
    for (let at = CONTENT_PIECE; at < content.length; at += CONTENT_PIECE)
      await m.query('UPDATE document_content SET content = CONCAT(content, ?) WHERE document_id = ? AND version_no = ?', [
        content.subarray(at, at + CONTENT_PIECE),
        v.documentId,
        v.versionNo,
      ]);
    return m.getRepository(DocumentVersionEntity).findOneByOrFail({ documentId: v.documentId, versionNo: v.versionNo });
  }

  findById(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<DocumentEntity | null> {
    const qb = m.getRepository(DocumentEntity).createQueryBuilder('d').where('d.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  findVersion(documentId: string, versionNo: number, m: EntityManager = this.dataSource.manager): Promise<DocumentVersionEntity | null> {
    return m.getRepository(DocumentVersionEntity).findOneBy({ documentId, versionNo });
  }

  versions(documentId: string, m: EntityManager = this.dataSource.manager): Promise<DocumentVersionEntity[]> {
    return m.getRepository(DocumentVersionEntity).find({ where: { documentId }, order: { versionNo: 'DESC' } });
  }

  /** The current version of each document, by document id. */
  async currentVersions(docs: DocumentEntity[], m: EntityManager = this.dataSource.manager): Promise<Map<string, DocumentVersionEntity>> {
    if (docs.length === 0) return new Map();
    const rows = await m
      .getRepository(DocumentVersionEntity)
      .createQueryBuilder('v')
      .where(
        docs.map((_, i) => `(v.document_id = :d${i} AND v.version_no = :n${i})`).join(' OR '),
        Object.fromEntries(
          docs.flatMap((d, i) => [
            [`d${i}`, d.id],
            [`n${i}`, d.currentVersionNo],
          ]),
        ),
      )
      .getMany();
    return new Map(rows.map((v) => [v.documentId, v]));
  }

  async content(documentId: string, versionNo: number, m: EntityManager = this.dataSource.manager): Promise<Buffer | null> {
    const rows: Array<{ content: Buffer }> = await m.query(
      'SELECT content FROM document_content WHERE document_id = ? AND version_no = ?',
      [documentId, versionNo],
    );
    return rows[0]?.content ?? null;
  }

  /** One page of what `viewer` may see (owner, data scope, shared role or team), with the list's filters. */
  list(q: ListDocumentsDto, viewer: Viewer, limit: number, position: KeyValue[] | undefined, m: EntityManager = this.dataSource.manager) {
    const query = new KeysetQuery(DOCUMENT_LIST).equal('d.owner_id', q.ownerId).after(position);
    if (q.q !== undefined) query.where("d.title LIKE ? ESCAPE '\\\\'", `%${escapeLike(q.q)}%`);
    if (q.tag !== undefined) query.where('JSON_CONTAINS(d.tags, JSON_QUOTE(?))', q.tag);
    if (viewer.owners !== null) {
      const visible: string[] = [];
      const params: unknown[] = [];
      const owners = [...new Set([viewer.employeeId, ...viewer.owners])];
      visible.push(`d.owner_id IN (${owners.map(() => '?').join(', ')})`);
      params.push(...owners);
      for (const r of viewer.roles) {
        visible.push('JSON_CONTAINS(d.shared_roles, JSON_QUOTE(?))');
        params.push(r);
      }
      for (const t of viewer.teams) {
        visible.push('JSON_CONTAINS(d.shared_teams, JSON_QUOTE(?))');
        params.push(t);
      }
      query.where(`(${visible.join(' OR ')})`, ...params);
    }
    return query.applyTo(m.getRepository(DocumentEntity).createQueryBuilder('d'), limit).getMany();
  }
}
