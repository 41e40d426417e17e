import { parseArgs } from 'node:util';
import type { CrmConfig } from '@crm/config';
import { newBrokerPassword, PARTNER_NAME, partnerBrokerUser, partnerPermissions, provisionBrokerAccounts, rabbitmqctlUnavailable, vhostOf } from '@crm/messaging';

export const BROKER_USAGE = `  broker partner <name> [--inbound-queue <queue>]   (the partner's RabbitMQ user <ns>-partner-<name>, least privilege;
                                                  a fresh password each time, printed once; needs the local rabbitmqctl)`;

/**
 * `npm run cli -- broker partner <name>`: creates (or re-keys) a partner's broker account that may
 * only send calls through the default exchange, read its replies and, with --inbound-queue, consume
 * the queue where the CRM calls it. Prints one JSON line with the generated password. Returns the
 * exit code; usage errors answer 64 like the rest of the CLI.
 */
export async function runBrokerCli(argv: string[], config: CrmConfig): Promise<number> {
  const usage = (message: string) => {
    process.stderr.write(`error: ${message}\nusage:\n${BROKER_USAGE}\n`);
    return 64;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { 'inbound-queue': { type: 'string' } } });
  } catch (error) {
    return usage((error as Error).message);
  }
  const [verb, name, ...extra] = parsed.positionals;
  if (verb !== 'partner' || !name || extra.length > 0) return usage('expected: broker partner <name>');
  if (!PARTNER_NAME.test(name)) return usage('<name> must be lower-case letters, digits, _ or - (at most 40)');
  const inbound = parsed.values['inbound-queue'];
  if (inbound !== undefined && (!/^[A-Za-z0-9_.:-]{1,200}$/.test(inbound) || inbound.startsWith(`${config.namespace}.`))) {
    return usage(`--inbound-queue must be a queue name outside the namespace "${config.namespace}.*"`);
  }
  const why = rabbitmqctlUnavailable(config.amqpUrl);
  if (why) {
    process.stderr.write(`error: cannot create broker users here: ${why}; use the rabbitmqctl recipe in the README ("Broker users")\n`);
    return 69;
  }
  const account = { user: partnerBrokerUser(config.namespace, name), password: newBrokerPassword(), permissions: partnerPermissions(inbound) };
  await provisionBrokerAccounts(config.amqpUrl, [account]);
  process.stdout.write(`${JSON.stringify({ user: account.user, password: account.password, vhost: vhostOf(config.amqpUrl), permissions: account.permissions })}\n`);
  return 0;
}
