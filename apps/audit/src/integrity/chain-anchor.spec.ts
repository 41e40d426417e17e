import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AnchorStore } from './anchor-store.js';
import { anchorIsAuthentic, parseAnchor, signAnchor } from './chain-anchor.js';
import { ChainKeyring } from './chain-crypto.js';

const key = (id: string, fill: number) => ({ id, key: Buffer.alloc(32, fill) });
const k1 = new ChainKeyring({ current: key('k1', 1), previous: [] });
const k2 = new ChainKeyring({ current: key('k2', 2), previous: [key('k1', 1)] });
const hash = Buffer.alloc(32, 7);

describe('anchors', () => {
  it('verify under the key that signed them, also after a master key rotation', () => {
    const a = signAnchor(k1, 'calls', 20, hash, new Date('2026-11-23T08:00:00.123Z'));
    expect(a).toMatchObject({ format: 'crm-audit-anchor/1', log: 'calls', seq: 20, hash: hash.toString('hex'), keyId: 'k1' });
    expect(anchorIsAuthentic(a, k1)).toBe(true);
    expect(anchorIsAuthentic(a, k2)).toBe(true);
    expect(anchorIsAuthentic(a, new ChainKeyring({ current: key('k3', 3), previous: [] }))).toBe('no-key');
  });

  it('fail their MAC when any signed field changes', () => {
    const a = signAnchor(k1, 'calls', 20, hash);
    for (const changed of [
      { ...a, seq: 21 },
      { ...a, log: 'operations' as const },
      { ...a, hash: Buffer.alloc(32, 8).toString('hex') },
      { ...a, at: new Date(Date.parse(a.at) + 1).toISOString() },
    ]) {
      expect(anchorIsAuthentic(changed, k1)).toBe(false);
    }
  });

  it('parse what the app writes and what the event carries, and nothing else', () => {
    const a = signAnchor(k1, 'operations', 3, hash);
    expect(parseAnchor(JSON.parse(JSON.stringify(a)))).toEqual(a);
    const { format: _format, ...event } = a;
    expect(parseAnchor({ ...event, eventId: 'e', occurredAt: a.at })).toEqual(a);
    for (const bad of [
      null,
      'x',
      [],
      { ...a, seq: 0 },
      { ...a, seq: '3' },
      { ...a, log: 'x' },
      { ...a, hash: 'ab' },
      { ...a, format: 'v2' },
    ]) {
      expect(parseAnchor(bad)).toBeNull();
    }
  });
});

describe('anchor files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'anchors-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('find the newest authentic anchor of a log among every file, and name forged ones', async () => {
    const store = new AnchorStore(dir);
    expect(await store.lookup('calls', k1)).toEqual({ newest: null, forged: [], unknownKey: [] });
    await store.write(signAnchor(k1, 'calls', 10, hash));
    await store.write(signAnchor(k1, 'operations', 99, hash));
    // One handed back from the archive, newer than the app's own file.
    await writeFile(join(dir, 'anchors', 'archived.json'), JSON.stringify(signAnchor(k1, 'calls', 12, hash)));
    const other = new ChainKeyring({ current: key('k9', 9), previous: [] });
    await writeFile(join(dir, 'anchors', 'elsewhere.json'), JSON.stringify(signAnchor(other, 'calls', 50, hash)));
    await writeFile(join(dir, 'anchors', 'junk.json'), '{not json');
    const found = await store.lookup('calls', k1);
    expect(found.newest).toMatchObject({ file: 'anchors/archived.json', anchor: { seq: 12 } });
    expect(found.unknownKey).toEqual(['anchors/elsewhere.json']);
    expect(found.forged).toEqual([]);
    expect((await store.own('calls', k1))?.seq).toBe(10);

    await writeFile(join(dir, 'anchors', 'forged.json'), JSON.stringify({ ...signAnchor(k1, 'calls', 5, hash), seq: 500 }));
    expect((await store.lookup('calls', k1)).forged).toEqual(['anchors/forged.json']);
  });
});
