import { describe, expect, it } from '@jest/globals';
import { PERMISSION_NAMES, PERMISSIONS, SCOPED_APPS } from '@crm/contracts';
import { SEEDED_ROLE_PERMISSIONS_1763881001000 } from './1763881001000-roles.migration.js';
import {
  NEW_PERMISSIONS_1763881500000,
  SEEDED_GRANTS_1763881500000,
  SEEDED_SCOPES_1763881500000,
} from './1763881500000-permissions-and-scopes.migration.js';
import { RENAMED_PERMISSIONS_1764000130000 } from './1764000130000-account-permissions.migration.js';
import { NEW_PERMISSIONS_1764000300000, SEEDED_GRANTS_1764000300000 } from './1764000300000-pipeline-permission.migration.js';

/** What a role holds after every migration: a renamed permission counts as its successor. */
const migrated = (perms: Iterable<string>) => new Set([...perms].map((p) => RENAMED_PERMISSIONS_1764000130000[p] ?? p));
const seeded = migrated([
  ...Object.values(SEEDED_ROLE_PERMISSIONS_1763881001000).flat(),
  ...NEW_PERMISSIONS_1763881500000,
  ...NEW_PERMISSIONS_1764000300000,
]);

describe('the permission registry and the migrations that seed it', () => {
  it('every registry key reaches the database through a migration, and every seeded permission is in the registry', () => {
    // A key added to the registry needs a new migration (never an edit of an old one), and vice versa.
    expect([...seeded].sort()).toEqual([...PERMISSION_NAMES].sort());
  });

  it('names look like area.verb and say what they allow', () => {
    for (const [name, description] of Object.entries(PERMISSIONS)) {
      expect(name).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/);
      expect(description).toMatch(/^[a-z][^\n]{5,}$/);
    }
  });

  it('SPEC §6.0 seeded roles: administrator everything, service agents write knowledge drafts but do not publish', () => {
    const grants = (role: string) =>
      migrated([
        ...(SEEDED_ROLE_PERMISSIONS_1763881001000[role] ?? []),
        ...(SEEDED_GRANTS_1763881500000[role] ?? []),
        ...(SEEDED_GRANTS_1764000300000[role] ?? []),
      ]);
    expect([...grants('administrator')].sort()).toEqual([...PERMISSION_NAMES].sort());
    expect(grants('service-agent').has('knowledge.write')).toBe(true);
    expect(grants('service-agent').has('knowledge.publish')).toBe(false);
    expect(grants('manager').has('quote.approve')).toBe(true);
    expect(grants('sales').has('product.write')).toBe(false);
    for (const role of ['marketing', 'sales', 'service-agent', 'manager']) expect(grants(role).has('pipeline.manage')).toBe(false);
    for (const role of ['marketing', 'sales', 'service-agent', 'manager']) expect(grants(role).has('customer.pii.read')).toBe(false);
    // Roles that read or wrote customers read or write accounts; the old keys are gone.
    expect(grants('marketing').has('account.read')).toBe(true);
    expect(grants('sales').has('account.write')).toBe(true);
    expect([...seeded].filter((p) => p === 'customer.read' || p === 'customer.write')).toEqual([]);
  });

  it('each seeded role names a scope for every business app', () => {
    for (const scopes of Object.values(SEEDED_SCOPES_1763881500000)) expect(Object.keys(scopes).sort()).toEqual([...SCOPED_APPS].sort());
    expect(SEEDED_SCOPES_1763881500000.marketing).toEqual({ marketing: 'all', sales: 'own', service: 'own' });
    expect(SEEDED_SCOPES_1763881500000.manager.sales).toBe('team');
  });
});
