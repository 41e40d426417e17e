import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { anchorIsAuthentic, parseAnchor, type ChainAnchor } from './chain-anchor.js';
import type { ChainKeyring } from './chain-crypto.js';
import type { ChainLog } from './chain-logs.js';

/** Beside the backups: `$AUDIT_BACKUP_DIR/anchors/`. */
export const ANCHOR_FOLDER = 'anchors';
/** Evidence like the backups: owner and group only. */
const FILE_MODE = 0o640;
/** Anchor files are a few hundred bytes; anything much larger is not one. */
const MAX_FILE_BYTES = 64 * 1024;

export interface FoundAnchor {
  anchor: ChainAnchor;
  /** Path relative to the backup directory, e.g. `anchors/calls.anchor.json`. */
  file: string;
}

export interface AnchorLookup {
  /** The authentic anchor of the log with the highest seq (the newest position), or null. */
  newest: FoundAnchor | null;
  /** Files that name the log but fail their MAC: someone wrote or changed them. */
  forged: string[];
  /** Files signed under a master key that is not configured (skipped). */
  unknownKey: string[];
}

/**
 * Anchors as files in the backup directory. The app keeps one file per log, `<log>.anchor.json`,
 * replaced (write to a temporary name, rename) by each newer anchor; verify reads every `*.json`
 * of the folder, so an anchor an operator gets back from the external archive can be dropped
 * beside it and counts too.
 */
export class AnchorStore {
  constructor(private readonly backupDir: string) {}

  private get folder(): string {
    return join(this.backupDir, ANCHOR_FOLDER);
  }

  static fileName(log: ChainLog): string {
    return `${log}.anchor.json`;
  }

  async write(anchor: ChainAnchor): Promise<string> {
    await mkdir(this.folder, { recursive: true, mode: 0o750 });
    const name = AnchorStore.fileName(anchor.log);
    const tmp = join(this.folder, `.${name}.${randomUUID()}.tmp`);
    try {
      await writeFile(tmp, `${JSON.stringify(anchor, null, 2)}\n`, { flag: 'wx', mode: FILE_MODE });
      await rename(tmp, join(this.folder, name));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return `${ANCHOR_FOLDER}/${name}`;
  }

  /** The app's own latest anchor of `log` when it is authentic, else null (first run, or a file that no longer checks out). */
  async own(log: ChainLog, keyring: ChainKeyring): Promise<ChainAnchor | null> {
    const anchor = await this.read(join(this.folder, AnchorStore.fileName(log)));
    return anchor && anchor.log === log && anchorIsAuthentic(anchor, keyring) === true ? anchor : null;
  }

  async lookup(log: ChainLog, keyring: ChainKeyring): Promise<AnchorLookup> {
    const found: AnchorLookup = { newest: null, forged: [], unknownKey: [] };
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return found;
      throw error;
    }
    for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
      const anchor = await this.read(join(this.folder, name));
      if (!anchor || anchor.log !== log) continue;
      const file = `${ANCHOR_FOLDER}/${name}`;
      const authentic = anchorIsAuthentic(anchor, keyring);
      if (authentic === 'no-key') found.unknownKey.push(file);
      else if (!authentic) found.forged.push(file);
      else if (!found.newest || anchor.seq > found.newest.anchor.seq) found.newest = { anchor, file };
    }
    return found;
  }

  private async read(path: string): Promise<ChainAnchor | null> {
    try {
      if ((await stat(path)).size > MAX_FILE_BYTES) return null;
      return parseAnchor(JSON.parse(await readFile(path, 'utf8')));
    } catch {
      return null; // missing, unreadable or not JSON: not an anchor
    }
  }
}
