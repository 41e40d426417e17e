// Preload for a bench's apps: counts and times every mysql2 statement of the process, by kind
// (verb + table), and how many statements each transaction ran, and writes the cumulative figures
// with the process's CPU time to $STATEMENT_STATS_DIR/<pid>.json once a second. A bench diffs two
// snapshots to get a window's statements per transaction, time per statement kind and CPU per call
// (marketing bench `--statements`). mysql2 is CommonJS: loading it with `require` here patches the
// very module instance TypeORM's `require` and the app's imports get (one CommonJS cache).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const { Connection } = createRequire(import.meta.url)('mysql2');

const dir = process.env.STATEMENT_STATS_DIR;
if (dir) {
  mkdirSync(dir, { recursive: true });
  /** kind → { count, ms } */
  const kinds = {};
  /** label (the first statement after START / SET) → { count, statements, ms, kinds: kind → { count, ms } } */
  const transactions = {};
  /** per connection: its open transaction's statements */
  const open = new WeakMap();
  /** per connection: a SET TRANSACTION (isolation level) sent just before its START */
  const isolation = new WeakMap();

  const kindOf = (sql) => {
    const s = String(sql).replace(/\s+/g, ' ').trim();
    const verb = (s.match(/^\(?\s*(\w+)/) || [])[1]?.toUpperCase() ?? '?';
    if (verb === 'START' || verb === 'BEGIN' || verb === 'COMMIT' || verb === 'ROLLBACK' || verb === 'SET')
      return s.split(' ').slice(0, 2).join(' ').toUpperCase();
    const table = (s.match(/\b(?:INTO|FROM|UPDATE)\s+`?(\w+)`?/i) || [])[1] ?? '?';
    const lock = /\bFOR UPDATE\b/i.test(s) ? ' FOR UPDATE' : '';
    const join = verb === 'UPDATE' && /\bJOIN\b/i.test(s) ? ' JOIN' : '';
    return `${verb} ${table}${join}${lock}`;
  };

  const wrap = (name) => {
    const original = Connection.prototype[name];
    Connection.prototype[name] = function (sql, values, cb) {
      const text = typeof sql === 'object' && sql !== null ? sql.sql : sql;
      const kind = kindOf(text);
      const t0 = performance.now();
      const conn = this; // the connection the transaction's statements share
      const done = () => {
        const ms = performance.now() - t0;
        const k = (kinds[kind] ??= { count: 0, ms: 0 });
        k.count++;
        k.ms += ms;
        if (kind.startsWith('SET TRANSACTION')) return void isolation.set(conn, { kind, ms, t0 });
        if (kind.startsWith('START')) {
          // The isolation level's statement is one more round trip of the transaction.
          const set = isolation.get(conn);
          isolation.delete(conn);
          open.set(conn, { t0: set?.t0 ?? t0, statements: set ? [{ kind: set.kind, ms: set.ms }] : [] });
        }
        const tx = open.get(conn);
        if (!tx) return;
        tx.statements.push({ kind, ms });
        if (!kind.startsWith('COMMIT') && !kind.startsWith('ROLLBACK')) return;
        open.delete(conn);
        const label = tx.statements.find((st) => !/^(START|SET|COMMIT|ROLLBACK)/.test(st.kind))?.kind ?? 'empty';
        const t = (transactions[label] ??= { count: 0, statements: 0, ms: 0, kinds: {} });
        t.count++;
        t.statements += tx.statements.length;
        t.ms += performance.now() - tx.t0;
        for (const st of tx.statements) {
          const k = (t.kinds[st.kind] ??= { count: 0, ms: 0 });
          k.count++;
          k.ms += st.ms;
        }
      };
      const cmd = original.call(this, sql, values, cb);
      cmd?.once?.('end', done);
      return cmd;
    };
  };
  wrap('query');
  wrap('execute');

  const file = join(dir, `${process.pid}.json`);
  setInterval(() => {
    const cpu = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ at: Date.now(), cpuMs: (cpu.user + cpu.system) / 1000, kinds, transactions }));
  }, 1000).unref();
}
