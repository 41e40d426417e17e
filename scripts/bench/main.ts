import { dispatchBench } from './dispatch-bench.js';

/**
 * `npm run bench [-- dispatch|audit|alerts|export|sales|marketing|service|sla|soak] [--seconds N]`: prints figures, no
 * pass/fail (`export`, `sla`, `soak` and the business benches run only when named; `soak` takes `--minutes N`).
 */
const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--')) ?? 'all';
const secIdx = args.indexOf('--seconds');
const seconds = secIdx >= 0 ? Number(args[secIdx + 1]) : 10;

if (which === 'dispatch' || which === 'all') await dispatchBench(seconds);
if (which === 'audit' || which === 'all') {
  const { runAuditBench } = await import('./audit-bench.js');
  await runAuditBench(args.filter((a) => a !== 'audit'));
}
if (which === 'export') {
  const { runExportBench } = await import('./export-bench.js');
  await runExportBench(args.filter((a) => a !== 'export'));
}
if (which === 'sales') await (await import('./sales-bench.js')).runSalesBench(args.filter((a) => a !== 'sales'));
if (which === 'marketing') await (await import('./marketing-bench.js')).runMarketingBench(args.filter((a) => a !== 'marketing'));
if (which === 'alerts' || which === 'all') {
  const { runAlertBench } = await import('./alert-bench.js');
  await runAlertBench(args.filter((a) => a !== 'alerts'));
}
if (which === 'service') await (await import('./service-bench.js')).runServiceBench(args.filter((a) => a !== 'service'));
if (which === 'sla') {
  const { runSlaBench } = await import('./sla-bench.js');
  await runSlaBench(args.filter((a) => a !== 'sla'));
}
if (which === 'soak') await (await import('./soak-bench.js')).runSoakBench(args.filter((a) => a !== 'soak'));
process.exit(0);
