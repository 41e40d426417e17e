#!/usr/bin/env node
// `npm run call -- <app> <pattern> '<payload JSON>' --caller <name> [--actor <access token>] [--request-id <id>]`
// Sends one call as an integration partner would (raw AMQP, the SPEC §2.1 envelope) and prints the
// reply. The caller's password is read from stdin, never from the command line.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import amqplib from 'amqplib';
import { config as loadDotenv } from 'dotenv';

if (existsSync('.env')) loadDotenv({ path: '.env', quiet: true });
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    caller: { type: 'string' },
    actor: { type: 'string' },
    'request-id': { type: 'string' },
    timeout: { type: 'string', default: '10000' },
  },
});
const [app, pattern, payloadText = '{}'] = positionals;
if (!app || !pattern || !values.caller) {
  process.stderr.write(
    "usage: npm run call -- <app> <pattern> '<payload JSON>' --caller <name> [--actor <token>] [--request-id <id>]  (password on stdin)\n",
  );
  process.exit(64);
}
let payload;
try {
  payload = JSON.parse(payloadText);
} catch {
  process.stderr.write('error: the payload is not JSON\n');
  process.exit(64);
}
const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
const ns = process.env.CRM_NAMESPACE?.trim() || 'crm';
// AMQP_URL may list several cluster nodes (comma-separated): the first that answers takes the call.
const addresses = (process.env.AMQP_URL?.trim() || 'amqp://guest:guest@127.0.0.1:5672')
  .split(',')
  .map((a) => a.trim())
  .filter(Boolean);
let conn;
for (const address of addresses) {
  conn = await amqplib.connect(address, { noDelay: true, timeout: 5000 }).catch((err) => {
    if (address === addresses.at(-1)) throw err;
  });
  if (conn) break;
}
const ch = await conn.createChannel();
const correlationId = randomUUID();
const reply = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no reply within ${values.timeout} ms`)), Number(values.timeout));
  ch.consume(
    'amq.rabbitmq.reply-to',
    (m) => {
      if (m?.properties.correlationId !== correlationId) return;
      clearTimeout(timer);
      resolve(JSON.parse(m.content.toString('utf8')));
    },
    { noAck: true },
  );
});
const data = {
  caller: values.caller,
  password,
  requestId: values['request-id'] ?? `cli-${randomUUID()}`,
  payload,
  ...(values.actor ? { actor: values.actor } : {}),
};
ch.sendToQueue(`${ns}.${app}`, Buffer.from(JSON.stringify({ pattern, id: randomUUID(), data })), {
  replyTo: 'amq.rabbitmq.reply-to',
  correlationId,
  persistent: true,
  contentType: 'application/json',
});
try {
  const r = await reply;
  process.stdout.write(`${JSON.stringify(r)}\n`);
  process.exitCode = r.err ? 1 : 0;
} catch (error) {
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await conn.close();
}
