import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { ACCOUNT_CREATED_V1, ACCOUNT_UPDATED_V1, AccountChangedEventDto } from '@crm/contracts';
import { InboxHandler, type InboxEvent } from './inbox-handler.decorator.js';
import { inboxRoutes } from './inbox-routes.js';

class Both {
  readonly seen: string[] = [];
  @InboxHandler(ACCOUNT_CREATED_V1, AccountChangedEventDto)
  async created(e: InboxEvent<AccountChangedEventDto>, _m: EntityManager): Promise<void> {
    this.seen.push(`created ${e.eventId}`);
  }
  @InboxHandler(ACCOUNT_UPDATED_V1, AccountChangedEventDto)
  async updated(e: InboxEvent<AccountChangedEventDto>, _m: EntityManager): Promise<void> {
    this.seen.push(`updated ${e.eventId}`);
  }
}

class CreatedOnly {
  @InboxHandler(ACCOUNT_CREATED_V1, AccountChangedEventDto)
  async created(_e: InboxEvent<AccountChangedEventDto>, _m: EntityManager): Promise<void> {}
}

class Stray {
  @InboxHandler('sales.opportunity.won.v1', AccountChangedEventDto)
  async won(_e: InboxEvent<AccountChangedEventDto>, _m: EntityManager): Promise<void> {}
}

describe('inboxRoutes', () => {
  it('binds each handler method to its instance', async () => {
    const both = new Both();
    const routes = inboxRoutes('service', 'account-directory', [both]);
    expect(routes.map((r) => r.pattern).sort()).toEqual([ACCOUNT_CREATED_V1, ACCOUNT_UPDATED_V1]);
    await routes.find((r) => r.pattern === ACCOUNT_UPDATED_V1)!.handle({ eventId: 'e1' } as InboxEvent, {} as EntityManager);
    expect(both.seen).toEqual(['updated e1']);
  });

  it('refuses to start when handlers and the declared subscription disagree', () => {
    expect(() => inboxRoutes('sales', 'account-directory', [new Both()])).toThrow('not declared in INBOX_SUBSCRIPTIONS');
    expect(() => inboxRoutes('service', 'account-directory', [new CreatedOnly()])).toThrow(
      `no handler for bound patterns: ${ACCOUNT_UPDATED_V1}`,
    );
    expect(() => inboxRoutes('service', 'account-directory', [new Both(), new Stray()])).toThrow('not bound to: sales.opportunity.won.v1');
    expect(() => inboxRoutes('service', 'account-directory', [new Both(), new CreatedOnly()])).toThrow(
      `two handlers for ${ACCOUNT_CREATED_V1}`,
    );
  });
});
