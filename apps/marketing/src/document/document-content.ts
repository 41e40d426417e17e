import { createHash } from 'node:crypto';
import { CrmError, DOCUMENT_CONTENT_TYPES, ErrorCode, type DocumentContentType, type FieldError } from '@crm/contracts';

/** What the bytes look like, from their first bytes (and, for ZIP, the names inside). */
export type DetectedKind = DocumentContentType | 'text' | 'zip' | 'windows-executable' | 'elf-executable' | 'unknown';

const OOXML: Array<[string, DocumentContentType]> = [
  ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

const startsWith = (b: Buffer, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** The kind of content by magic bytes; never by what the caller says it is. */
export function detectKind(b: Buffer): DetectedKind {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x4d, 0x5a])) return 'windows-executable'; // MZ
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'elf-executable';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(b);
    return OOXML.find(([entry]) => names.has(entry))?.[1] ?? 'zip';
  }
  return isText(b) ? 'text' : 'unknown';
}

/** UTF-8 without NUL or other C0 controls than tab, CR, LF, FF (and an optional BOM). */
function isText(b: Buffer): boolean {
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(b);
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(s);
  } catch {
    return false;
  }
}

/** The entry names of a ZIP's central directory (empty when it cannot be read). */
export function zipEntryNames(b: Buffer): Set<string> {
  const names = new Set<string>();
  // End of central directory: 22 bytes plus a comment of at most 65535.
  const floor = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= floor; i--)
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return names;
  const entries = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries && p + 46 <= b.length && b.readUInt32LE(p) === 0x02014b50; n++) {
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    if (p + 46 + nameLen > b.length) break;
    names.add(b.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

export interface CheckedContent {
  bytes: Buffer;
  size: number;
  sha256: string;
  fileName: string;
  contentType: DocumentContentType;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * An upload as the library keeps it, or 4220 naming each field that is wrong: base64 that is not,
 * a decoded size over `maxBytes` (checked from the text's length before decoding anything), an
 * extension that does not go with `contentType`, bytes that are not what `contentType` says.
 * `prefix` names nested fields (`content.`).
 */
export function checkContent(
  input: { fileName: string; contentType: string; contentBase64: string },
  maxBytes: number,
  prefix = '',
): CheckedContent {
  const errors: FieldError[] = [];
  const refuse = (field: string, reason: string) => errors.push({ field: `${prefix}${field}`, reasons: [reason] });
  const fail = () => new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', errors);
  const text = input.contentBase64;
  const allowed = DOCUMENT_CONTENT_TYPES[input.contentType as DocumentContentType] as readonly string[] | undefined;
  if (!allowed) refuse('contentType', `contentType must be one of ${Object.keys(DOCUMENT_CONTENT_TYPES).join(', ')}`);
  const ext = /\.([A-Za-z0-9]+)$/.exec(input.fileName)?.[1]?.toLowerCase();
  if (allowed && (!ext || !allowed.includes(ext)))
    refuse('fileName', `fileName must end in .${allowed.join(' or .')} for ${input.contentType}`);
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    refuse('contentBase64', 'contentBase64 must be base64');
    throw fail();
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const size = (text.length / 4) * 3 - padding;
  if (size === 0) refuse('contentBase64', 'content is empty');
  if (size > maxBytes) refuse('contentBase64', `content is ${size} bytes; at most ${maxBytes} bytes are accepted`);
  if (errors.length) throw fail();
  const bytes = Buffer.from(text, 'base64');
  const kind = detectKind(bytes);
  const isTextType = input.contentType === 'text/plain' || input.contentType === 'text/markdown';
  if (isTextType ? kind !== 'text' : kind !== input.contentType)
    refuse('contentBase64', `content is not ${input.contentType} (its bytes look like ${kind})`);
  if (errors.length) throw fail();
  return {
    bytes,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    fileName: input.fileName,
    contentType: input.contentType as DocumentContentType,
  };
}
