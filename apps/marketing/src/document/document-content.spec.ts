import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { canChange, canSee, viewerOf } from './document-audience.js';
import { checkContent, detectKind, zipEntryNames } from './document-content.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)]);

/** A stored (uncompressed) ZIP with the given entry names, as Office writes its containers. */
function zip(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(names.length, 8);
  eocd.writeUInt16LE(names.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const upload = (bytes: Buffer, fileName: string, contentType: string) => ({
  fileName,
  contentType,
  contentBase64: bytes.toString('base64'),
});
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { code: number; details: Array<{ field: string; reasons: string[] }> };
  }
  throw new Error('accepted');
};

describe('detectKind', () => {
  it('recognises PDF, PNG, JPEG, Office Open XML by the entries inside, text and executables', () => {
    expect(detectKind(PDF)).toBe('application/pdf');
    expect(detectKind(PNG)).toBe('image/png');
    expect(detectKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectKind(EXE)).toBe('windows-executable');
    expect(detectKind(zip(['[Content_Types].xml', 'word/document.xml']))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(detectKind(zip(['[Content_Types].xml', 'xl/workbook.xml']))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(detectKind(zip(['ppt/presentation.xml']))).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(detectKind(zip(['payload.exe']))).toBe('zip');
    expect(detectKind(Buffer.from('# 产品手册\n\n价格表见附件。\n'))).toBe('text');
    expect(detectKind(Buffer.from([0x00, 0x01, 0x02]))).toBe('unknown');
    expect([...zipEntryNames(zip(['a', 'b/c']))]).toEqual(['a', 'b/c']);
  });
});

describe('checkContent', () => {
  it('accepts content that is what it says, with its size and SHA-256', () => {
    const c = checkContent(upload(PDF, 'brochure.pdf', 'application/pdf'), 1024);
    expect(c).toMatchObject({ size: PDF.length, contentType: 'application/pdf', sha256: createHash('sha256').update(PDF).digest('hex') });
    expect(checkContent(upload(Buffer.from('hello'), 'notes.md', 'text/markdown'), 1024).size).toBe(5);
  });

  it('accepts exactly the limit and refuses one byte more, before decoding, naming the field', () => {
    const limit = PDF.length + 10;
    const atLimit = Buffer.concat([PDF, Buffer.alloc(10, 0x20)]);
    expect(checkContent(upload(atLimit, 'a.pdf', 'application/pdf'), limit).size).toBe(limit);
    const e = refusal(() =>
      checkContent(upload(Buffer.concat([atLimit, Buffer.from(' ')]), 'a.pdf', 'application/pdf'), limit, 'content.'),
    );
    expect(e).toMatchObject({
      code: 4220,
      details: [{ field: 'content.contentBase64', reasons: [`content is ${limit + 1} bytes; at most ${limit} bytes are accepted`] }],
    });
  });

  it('refuses an executable disguised as a PDF, a PNG called .pdf, a zip called docx, an unlisted type and bad base64', () => {
    expect(refusal(() => checkContent(upload(EXE, 'brochure.pdf', 'application/pdf'), 1024))).toMatchObject({
      code: 4220,
      details: [{ field: 'contentBase64', reasons: ['content is not application/pdf (its bytes look like windows-executable)'] }],
    });
    expect(refusal(() => checkContent(upload(PNG, 'image.pdf', 'image/png'), 1024)).details).toEqual([
      { field: 'fileName', reasons: ['fileName must end in .png for image/png'] },
    ]);
    expect(
      refusal(() =>
        checkContent(
          upload(zip(['payload.exe']), 'offer.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
          1024,
        ),
      ).details[0]!.field,
    ).toBe('contentBase64');
    expect(refusal(() => checkContent(upload(EXE, 'setup.exe', 'application/x-msdownload'), 1024)).details[0]!.field).toBe('contentType');
    expect(
      refusal(() => checkContent({ fileName: 'a.txt', contentType: 'text/plain', contentBase64: 'not base64!' }, 1024)).details,
    ).toEqual([{ field: 'contentBase64', reasons: ['contentBase64 must be base64'] }]);
    expect(refusal(() => checkContent(upload(EXE, 'a.txt', 'text/plain'), 1024)).details[0]!.reasons[0]).toMatch(/not text\/plain/);
    expect(
      refusal(() => checkContent({ fileName: 'a.txt', contentType: 'text/plain', contentBase64: '' }, 1024)).details[0]!.reasons,
    ).toEqual(['content is empty']);
  });
});

describe('document audience', () => {
  const doc = { ownerId: 'E1', sharedRoles: ['sales'], sharedTeams: ['sales/north'] };
  const ctx = (scope: 'own' | 'team' | 'all', owners: string[] | null) => ({
    caller: 'FRONTEND',
    employeeId: 'E2',
    requestKey: null,
    requestId: null,
    scope: { scope, owners },
    permissions: [],
  });

  it('the owner and a scope covering the owner see and change; others do not', () => {
    expect(canChange(doc, viewerOf(ctx('own', ['E2']), 'E2'))).toBe(false);
    expect(canSee(doc, viewerOf(ctx('own', ['E2']), 'E2'))).toBe(false);
    expect(canChange(doc, viewerOf(ctx('team', ['E2', 'E1']), 'E2'))).toBe(true);
    expect(canChange(doc, viewerOf(ctx('all', null), 'E2'))).toBe(true);
    expect(canChange(doc, { employeeId: 'E1', owners: ['E1'], roles: [], teams: [] })).toBe(true);
  });

  it('a shared role or team lets a viewer read, not change', () => {
    const byRole = { employeeId: 'E3', owners: ['E3'], roles: ['sales'], teams: [] };
    const byTeam = { employeeId: 'E3', owners: ['E3'], roles: [], teams: ['sales/north'] };
    expect([canSee(doc, byRole), canChange(doc, byRole)]).toEqual([true, false]);
    expect([canSee(doc, byTeam), canChange(doc, byTeam)]).toEqual([true, false]);
    expect(canSee(doc, { ...byRole, roles: ['service-agent'] })).toBe(false);
  });
});
