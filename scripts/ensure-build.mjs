// Builds dist/ when it is missing or older than any source file, so `npm start` and `npm run cli`
// work on a fresh clone without a separate build step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.build-stamp');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.(ts|json|html|css|js)$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  ...['apps', 'libs', 'scripts', 'test/support'].map((d) => newest(join(root, d))),
  statSync(join(root, 'docs', 'asyncapi.json')).mtimeMs,
  statSync(join(root, 'tsconfig.json')).mtimeMs,
);
if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
  process.stderr.write('building dist/ ...\n');
  execFileSync(join(root, 'scripts', 'build.sh'), { stdio: ['ignore', 2, 2] });
  execFileSync('touch', [stamp]);
}
