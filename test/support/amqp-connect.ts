import amqplib from 'amqplib';
import { amqpAddresses } from '@crm/config';

/**
 * An amqplib connection to the first address of an AMQP_URL value (one address or a
 * comma-separated list) that answers, as a partner's client with a list of cluster nodes would.
 */
export async function connectAmqp(amqpUrl: string, options: { noDelay?: boolean; timeout?: number } = {}): Promise<amqplib.ChannelModel> {
  let last: unknown;
  for (const address of amqpAddresses(amqpUrl)) {
    try {
      return await amqplib.connect(address, { timeout: 5_000, ...options });
    } catch (error) {
      last = error;
    }
  }
  throw last instanceof Error ? last : new Error('no AMQP address answers');
}
