// The registry this project is built against serves only the linux-x64 build of some optional
// native packages (jest's unrs-resolver). npm then writes no lock entries for the other platforms,
// and `npm ci` refuses the lock as "out of sync". This adds those entries (platform-guarded, never
// installed here) after an `npm install`: node scripts/lockfile-foreign-optionals.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const platform = (suffix) => {
  const [os, cpu, abi] = suffix.split('-');
  const libc = abi === 'gnu' || abi === 'gnueabihf' ? ['glibc'] : abi?.startsWith('musl') ? ['musl'] : undefined;
  return { os: [os], cpu: [cpu === 'arm' ? 'arm' : cpu], ...(libc ? { libc } : {}) };
};
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] || !/resolver-binding-|@esbuild\/|@rspack\/binding-/.test(dep)) continue;
    const suffix = dep
      .split('/')
      .pop()
      .replace(/^resolver-binding-|^binding-/, '');
    if (suffix.startsWith('wasm32')) continue;
    lock.packages[key] = { version, dev: entry.dev, optional: true, ...platform(suffix) };
    added++;
  }
  void path;
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stderr.write(`added ${added} platform-guarded lock entries\n`);
