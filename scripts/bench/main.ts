import { dispatchBench } from './dispatch-bench.js';

/** `npm run bench [-- dispatch|audit] [--seconds N]`: prints figures; no pass/fail. */
const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--')) ?? 'all';
const secIdx = args.indexOf('--seconds');
const seconds = secIdx >= 0 ? Number(args[secIdx + 1]) : 10;

if (which === 'dispatch' || which === 'all') await dispatchBench(seconds);
if (which === 'audit' || which === 'all') {
  const { runAuditBench } = await import('./audit-bench.js');
  await runAuditBench(args.filter((a) => a !== 'audit'));
}
process.exit(0);
