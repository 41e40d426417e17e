import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@crm/config';
import { loadServiceConfig } from './service.config.js';

describe('service configuration', () => {
  const env = (extra: NodeJS.ProcessEnv) => ({ CRM_MASTER_KEY: `k1:${randomBytes(32).toString('base64')}`, ...extra });

  it('sends EOMS replies to eoms.inbound unless EOMS_QUEUE says otherwise', () => {
    expect(loadServiceConfig(env({}), loadConfig(env({})))).toEqual({ eomsQueue: 'eoms.inbound' });
    const e = env({ EOMS_QUEUE: ' t_1.eoms ' });
    expect(loadServiceConfig(e, loadConfig(e))).toEqual({ eomsQueue: 't_1.eoms' });
  });
});
