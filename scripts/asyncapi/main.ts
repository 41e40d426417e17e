// `npm run asyncapi`: regenerates docs/asyncapi.json from the controllers and @crm/contracts.
// `npm run asyncapi -- --check` exits 1 when the committed document is stale (what CI's test checks).
// First: the contracts' DTO decorators need it.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_FILE, buildAsyncApi, repoRoot, serialiseAsyncApi } from './asyncapi-document.js';

const root = repoRoot();
const file = join(root, ASYNCAPI_FILE);
const text = serialiseAsyncApi(buildAsyncApi(root));
if (process.argv.includes('--check')) {
  const committed = readFileSync(file, 'utf8');
  if (committed !== text) {
    process.stderr.write(`${ASYNCAPI_FILE} is stale: run npm run asyncapi and commit it\n`);
    process.exit(1);
  }
  process.stderr.write(`${ASYNCAPI_FILE} is up to date\n`);
} else {
  writeFileSync(file, text);
  process.stderr.write(`wrote ${ASYNCAPI_FILE} (${text.length} bytes)\n`);
}
