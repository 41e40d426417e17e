// `npm test`: services up, build current, then unit and end-to-end suites (real MariaDB/RabbitMQ,
// one namespace per suite). Extra arguments go to jest, e.g. `npm test -- test/e2e/contract`;
// `npm run test:scenarios` runs the minutes-long whole-product scenarios (README walk-throughs,
// browser console, wire fuzz) and `npm run test:volume` the million-row checks (CI runs both).
import { spawnSync } from 'node:child_process';
import { ensureBuild, ensureChromium, ensureServices } from './services.mjs';

const extra = process.argv.slice(2);
// `npm run test:volume` and `test:scenarios` name their own project; otherwise the unit and e2e projects.
const projects = extra.includes('--selectProjects') ? [] : ['--selectProjects', 'unit', 'e2e'];
await ensureServices();
// Only the console scenario drives a browser.
if (extra.includes('scenarios')) ensureChromium();
ensureBuild();
const env = { ...process.env, NODE_OPTIONS: '--experimental-vm-modules --no-warnings' };
const jest = new URL('../node_modules/jest/bin/jest.js', import.meta.url).pathname;
// Suites isolate themselves (own namespace, databases, queues), so two run at once: end-to-end suites
// spend most of their time waiting on app start-up and the broker. CRM_TEST_WORKERS=1 runs them one by one.
const workers = extra.some((a) => a.startsWith('--maxWorkers') || a === '--runInBand' || a === '-i')
  ? []
  : [`--maxWorkers=${process.env.CRM_TEST_WORKERS ?? '2'}`];
const r = spawnSync(process.execPath, [jest, ...projects, ...workers, ...extra], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
