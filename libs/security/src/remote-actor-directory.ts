import { EMPLOYEE_SESSION_V1, names, type EmployeeSessionState } from '@crm/contracts';
import type { OutboundClient } from '@crm/messaging';
import { ActorDirectory } from './actor-directory.js';
import type { OutboundCredentialStore } from './outbound-credential.store.js';

/** Used by every app but `auth`: asks auth over the broker, as the app's own system caller. */
export class RemoteActorDirectory extends ActorDirectory {
  constructor(
    private readonly client: OutboundClient,
    private readonly credentials: OutboundCredentialStore,
    private readonly namespace: string,
  ) {
    super();
  }

  async session(employeeId: string): Promise<EmployeeSessionState> {
    return this.client.call<EmployeeSessionState>({
      callee: 'auth',
      queue: names.requestQueue(this.namespace, 'auth'),
      pattern: EMPLOYEE_SESSION_V1,
      payload: { employeeId },
      credentials: await this.credentials.get('auth'),
      timeoutMs: 5000,
    });
  }
}
