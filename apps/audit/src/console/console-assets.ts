import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * `apps/audit/public/console`, seen from this file: in the sources (tests) and in dist/ alike,
 * since scripts/build.sh copies `apps/audit/public` to `dist/apps/audit/public`.
 */
export const CONSOLE_DIR = fileURLToPath(new URL('../../public/console/', import.meta.url));

/**
 * Reads the console's files once, at start. Only these names are ever served: a request names a
 * key of this map, never a path, so nothing outside the folder can be reached.
 */
export function loadConsoleAssets(dir = CONSOLE_DIR): Map<string, ConsoleAsset> {
  const assets = new Map<string, ConsoleAsset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type || !/^[a-z0-9-]+\.[a-z]+$/.test(name)) continue;
    assets.set(name, { body: readFileSync(join(dir, name)), contentType: type });
  }
  return assets;
}
