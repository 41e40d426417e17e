import { CALLER_VERIFY_V1, names, type CallerProfile } from '@crm/contracts';
import type { OutboundClient } from '@crm/messaging';
import { CallerDirectory } from './caller-directory.js';
import type { OutboundCredentialStore } from './outbound-credential.store.js';

/** Used by every app but `auth`: asks auth over the broker, as the app's own system caller. */
export class RemoteCallerDirectory extends CallerDirectory {
  constructor(
    private readonly client: OutboundClient,
    private readonly credentials: OutboundCredentialStore,
    private readonly namespace: string,
  ) {
    super();
  }

  async verify(name: string, password: string, source: string | null): Promise<CallerProfile> {
    return this.client.call<CallerProfile>({
      callee: 'auth',
      queue: names.requestQueue(this.namespace, 'auth'),
      pattern: CALLER_VERIFY_V1,
      payload: { name, password, ...(source ? { source } : {}) },
      credentials: await this.credentials.get('auth'),
      timeoutMs: 5000,
    });
  }
}
