import type { Command } from 'commander';
import { loadConfig, loadDotenvOnce } from '@crm/config';
import type { CommandModule } from '../cli-program.js';
import { usageError } from '../cli-program.js';

/** The broker is no app's data: this area runs in the CLI process itself, against the local rabbitmqctl. */
export const brokerCommands: CommandModule = (program, session) => {
  program
    .command('broker')
    .description("partners' RabbitMQ accounts")
    .command('partner <name>')
    .description("create or re-key the partner's broker user <ns>-partner-<name> (least privilege); prints the password once")
    .option('--inbound-queue <queue>', 'a queue outside the namespace where the CRM calls this partner (it may consume it)')
    .action(async (name: string, o: { inboundQueue?: string }, cmd: Command) => {
      // Loaded here, not at the top: @crm/messaging brings Nest, TypeORM and the contracts (1.4 s of
      // start-up), which every other command of this front end would pay for nothing.
      const {
        newBrokerPassword,
        PARTNER_NAME,
        partnerBrokerUser,
        partnerPermissions,
        provisionBrokerAccounts,
        rabbitmqctlUnavailable,
        vhostOf,
      } = await import('@crm/messaging');
      if (!PARTNER_NAME.test(name)) usageError(cmd, '<name> must be lower-case letters, digits, _ or - (at most 40)');
      loadDotenvOnce();
      const config = loadConfig();
      const inbound = o.inboundQueue;
      if (inbound !== undefined && (!/^[A-Za-z0-9_.:-]{1,200}$/.test(inbound) || inbound.startsWith(`${config.namespace}.`))) {
        usageError(cmd, `--inbound-queue must be a queue name outside the namespace "${config.namespace}.*"`);
      }
      const why = rabbitmqctlUnavailable(config.amqpUrls);
      if (why) {
        process.stderr.write(`error: cannot create broker users here: ${why}; use the rabbitmqctl recipe in the README ("Broker users")\n`);
        session.exitCode = 69;
        return;
      }
      const account = {
        user: partnerBrokerUser(config.namespace, name),
        password: newBrokerPassword(),
        permissions: partnerPermissions(inbound),
      };
      await provisionBrokerAccounts(config.amqpUrls, [account]);
      session.print({ user: account.user, password: account.password, vhost: vhostOf(config.amqpUrls), permissions: account.permissions });
    });
};
