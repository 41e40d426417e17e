import { createHmac, createSecretKey, hkdfSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import { CrmError, ErrorCode } from '@crm/contracts';

/** How one key column's value travels in a cursor. */
export type KeyKind = 'time' | 'bigint' | 'int' | 'number' | 'string';
export type KeyValue = Date | bigint | number | string;

/** What the codec needs to know of a list: its name (bound into each cursor) and its key kinds. */
export interface CursorList {
  readonly name: string;
  readonly keys: readonly { readonly kind: KeyKind }[];
}

/**
 * Version 1: base64url of [version byte][JSON array of the key values][first 16 bytes of
 * HMAC-SHA256(version, list name, JSON)]. A new layout takes a new version byte; cursors of an
 * older one are refused (the client starts again from the first page).
 */
const VERSION = 1;
const MAC_BYTES = 16;
const MAX_CHARS = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** DATETIME's upper bound, 9999-12-31T23:59:59.999Z. */
const MAX_TIME = 253402300799999;
const MAX_UNSIGNED_BIGINT = 18446744073709551615n;

const refused = (reason: string) =>
  new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [{ field: 'cursor', reasons: [reason] }]);
const NOT_OURS = 'cursor must be a nextCursor value returned by this list';

function encodeValue(kind: KeyKind, v: KeyValue): number | string {
  switch (kind) {
    case 'time':
      return (v instanceof Date ? v : new Date(v as string | number)).getTime();
    case 'bigint':
      return BigInt(v as bigint | string | number).toString();
    case 'int':
    case 'number':
      return Number(v);
    case 'string':
      return String(v);
  }
}

function decodeValue(kind: KeyKind, v: unknown): KeyValue | undefined {
  switch (kind) {
    case 'time':
      return Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_TIME ? new Date(v as number) : undefined;
    case 'bigint':
      return typeof v === 'string' && /^\d{1,20}$/.test(v) && BigInt(v) <= MAX_UNSIGNED_BIGINT ? BigInt(v) : undefined;
    case 'int':
      return Number.isSafeInteger(v) ? (v as number) : undefined;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    case 'string':
      return typeof v === 'string' && v.length <= 255 ? v : undefined;
  }
}

/**
 * The one cursor format of every keyset list: opaque to clients, versioned, and MAC'd with a key
 * derived from the master key, so an edited cursor, one of another list or one of another
 * deployment is refused with 4220 naming `cursor` instead of silently paging from a made-up
 * position. Keys: the first signs, all verify (a master-key rotation keeps open pages working).
 */
export class ListCursorCodec {
  private readonly keys: readonly KeyObject[];

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0 || keys.some((k) => k.length < 32)) throw new Error('ListCursorCodec needs at least one key of 32 bytes or more');
    // KeyObjects: createHmac would build one from a Buffer key on every page (slow on Node 24).
    this.keys = keys.map((k) => createSecretKey(k));
  }

  /** Keys derived from `CRM_MASTER_KEY` (and the previous keys) per namespace, never the master key itself. */
  static fromMasterKeys(
    namespace: string,
    masterKeys: { current: { key: Buffer }; previous: readonly { key: Buffer }[] },
  ): ListCursorCodec {
    const derive = (k: { key: Buffer }) =>
      Buffer.from(hkdfSync('sha256', k.key, Buffer.from(namespace), Buffer.from('crm-list-cursor-v1'), 32));
    return new ListCursorCodec([masterKeys.current, ...masterKeys.previous].map(derive));
  }

  /**
   * The cheap, keyless part of the check (alphabet, length, version byte), for DTO validation so
   * that a cursor which cannot be ours is reported with the other bad fields.
   */
  static isWellFormed(raw: unknown): raw is string {
    if (typeof raw !== 'string' || raw.length > MAX_CHARS || !BASE64URL.test(raw)) return false;
    const bytes = Buffer.from(raw, 'base64url');
    return bytes.length > 1 + MAC_BYTES && bytes[0] === VERSION;
  }

  encode(list: CursorList, values: readonly KeyValue[]): string {
    if (values.length !== list.keys.length) throw new Error(`${list.name}: a cursor takes ${list.keys.length} key values`);
    const body = Buffer.from(JSON.stringify(list.keys.map((k, i) => encodeValue(k.kind, values[i]))), 'utf8');
    return Buffer.concat([Buffer.of(VERSION), body, this.mac(this.keys[0], list.name, body)]).toString('base64url');
  }

  /** The position a cursor stands for; throws CrmError 4220 (field `cursor`) for anything this list did not issue. */
  decode(list: CursorList, raw: string): KeyValue[] {
    if (typeof raw !== 'string' || raw.length > MAX_CHARS || !BASE64URL.test(raw)) throw refused(NOT_OURS);
    const bytes = Buffer.from(raw, 'base64url');
    if (bytes.length <= 1 + MAC_BYTES) throw refused(NOT_OURS);
    if (bytes[0] !== VERSION) throw refused('cursor is from another version of this list: start again from the first page');
    const body = bytes.subarray(1, bytes.length - MAC_BYTES);
    const tag = bytes.subarray(bytes.length - MAC_BYTES);
    if (!this.keys.some((k) => timingSafeEqual(this.mac(k, list.name, body), tag))) throw refused(NOT_OURS);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw refused(NOT_OURS);
    }
    if (!Array.isArray(parsed) || parsed.length !== list.keys.length) throw refused(NOT_OURS);
    return list.keys.map((k, i) => {
      const value = decodeValue(k.kind, parsed[i]);
      if (value === undefined) throw refused(NOT_OURS);
      return value;
    });
  }

  private mac(key: KeyObject, list: string, body: Buffer): Buffer {
    return createHmac('sha256', key).update(Buffer.of(VERSION)).update(`${list}\0`).update(body).digest().subarray(0, MAC_BYTES);
  }
}
