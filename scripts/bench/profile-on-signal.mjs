// Preload for profiling the apps of a bench: SIGWINCH starts a V8 CPU profile, the next SIGWINCH
// writes it to $PROF_DIR/<app>-<pid>.cpuprofile (open it in Chrome DevTools or speedscope).
// SIGWINCH because Nest's shutdown hooks treat SIGUSR2 as a stop signal, and Node keeps SIGUSR1
// for its debugger. Usage (docs/benchmarks.md, "Profiling an app under a bench"):
//   CRM_APP_NODE_OPTIONS="--import ./scripts/bench/profile-on-signal.mjs" npm run bench -- marketing
//   pkill -WINCH -f "node $PWD/dist/apps/marketing/"   # start, then again to stop and write
import inspector from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';

const dir = process.env.PROF_DIR ?? '/tmp/crm-profiles';
const app = process.argv[1]?.split('/').slice(-3, -2)[0] ?? 'node';
const session = new inspector.Session();
session.connect();
let profiling = false;
process.on('SIGWINCH', () => {
  profiling = !profiling;
  if (profiling) {
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 500 });
    session.post('Profiler.start');
    return;
  }
  session.post('Profiler.stop', (err, result) => {
    if (err) return void process.stderr.write(`profile not written: ${err.message}\n`);
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/${app}-${process.pid}.cpuprofile`;
    writeFileSync(file, JSON.stringify(result.profile));
    process.stderr.write(`profile written to ${file}\n`);
  });
});
