import { describe, expect, it } from '@jest/globals';
import { rabbitmqctlUnavailable, vhostOf, withBrokerUser } from './broker-accounts.js';

describe('broker accounts over an AMQP_URL list', () => {
  it('puts the app user into every address of the list, in order', () => {
    expect(withBrokerUser('amqp://guest:guest@127.0.0.1:5672', 'crm-auth', 'p/w+1')).toBe('amqp://crm-auth:p%2Fw%2B1@127.0.0.1:5672');
    expect(withBrokerUser('amqp://guest:guest@mq1:5672/crm, amqp://guest:guest@mq2:5673/crm', 'crm-auth', 'pw')).toBe(
      'amqp://crm-auth:pw@mq1:5672/crm,amqp://crm-auth:pw@mq2:5673/crm',
    );
  });

  it('reads the vhost of the list', () => {
    expect(vhostOf(['amqp://u:p@mq1:5672', 'amqp://u:p@mq2:5672'])).toBe('/');
    expect(vhostOf(['amqp://u:p@mq1:5672/crm%2Fprod'])).toBe('crm/prod');
  });

  it('leaves a cluster with a node on another machine to its operator', () => {
    expect(rabbitmqctlUnavailable(['amqp://u:p@127.0.0.1:5672', 'amqp://u:p@mq2.example.com:5672'])).toBe(
      'the broker (mq2.example.com) is not local',
    );
  });
});
