// Makes sure MariaDB and RabbitMQ answer on their local ports; starts them when they are installed
// but stopped, and says exactly what is missing otherwise. Skipped for remote DATABASE_URL/AMQP_URL.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

function portOpen(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitPort(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await portOpen(host, port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const log = (m) => process.stderr.write(`[services] ${m}\n`);

// AMQP_URL may list several cluster nodes (comma-separated): the first one is checked here.
function target(envName, fallback, defaultPort) {
  const u = new URL((process.env[envName] || fallback).split(',')[0].trim());
  return { host: u.hostname, port: Number(u.port || defaultPort) };
}

export async function ensureServices() {
  const db = target('DATABASE_URL', 'mysql://root@127.0.0.1:3306', 3306);
  const mq = target('AMQP_URL', 'amqp://guest:guest@127.0.0.1:5672', 5672);
  const local = (h) => ['127.0.0.1', 'localhost', '::1'].includes(h);
  const problems = [];

  if (!(await portOpen(db.host, db.port))) {
    if (!local(db.host)) problems.push(`MariaDB/MySQL at ${db.host}:${db.port} does not answer (DATABASE_URL)`);
    else if (existsSync('/usr/sbin/mariadbd')) {
      log('MariaDB is installed but not running: starting it');
      spawnSync('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd'], { stdio: 'inherit' });
      if (!(await waitPort(db.host, db.port, 30))) problems.push('MariaDB was started but does not answer on 3306 after 30 s');
    } else problems.push('MariaDB is not installed: apt-get install -y mariadb-server (or set DATABASE_URL)');
  }

  if (!(await portOpen(mq.host, mq.port))) {
    if (!local(mq.host)) problems.push(`RabbitMQ at ${mq.host}:${mq.port} does not answer (AMQP_URL)`);
    else if (has('rabbitmq-server')) {
      log('RabbitMQ is installed but not running: starting it');
      spawnSync('rabbitmq-server', ['-detached'], { stdio: 'inherit' });
      if (has('rabbitmqctl')) spawnSync('rabbitmqctl', ['await_startup', '--timeout', '60'], { stdio: 'ignore' });
      if (!(await waitPort(mq.host, mq.port, 60))) problems.push('RabbitMQ was started but does not answer on 5672 after 60 s');
    } else problems.push('RabbitMQ is not installed: apt-get install -y rabbitmq-server (or set AMQP_URL)');
  }

  if (problems.length) {
    for (const p of problems) log(`MISSING: ${p}`);
    process.exit(69); // EX_UNAVAILABLE
  }
}

export function ensureBuild() {
  execFileSync(process.execPath, [new URL('./ensure-build.mjs', import.meta.url).pathname], { stdio: 'inherit' });
}

/**
 * The operator console's end-to-end suite drives Debian's Chromium (playwright-core). Installs it
 * with apt when it is missing and we may; otherwise says what to install and stops (exit 69).
 */
export function ensureChromium(path = process.env.CHROMIUM_PATH || '/usr/bin/chromium') {
  if (existsSync(path)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && has('apt-get')) {
    log(`${path} missing: installing Debian's chromium package (once)`);
    const r = spawnSync(
      'sh',
      [
        '-c',
        'DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null 2>&1)',
      ],
      { stdio: 'inherit' },
    );
    if (r.status === 0 && existsSync(path)) return;
  }
  log(`Chromium is needed for the console tests: install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH`);
  process.exit(69);
}
