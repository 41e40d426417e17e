import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { SalesTeamMembership } from './sales-team-membership.js';

const TEAM = '6f1c3f0e-0000-4000-8000-000000000001';

/** Answers the membership's statements from a held version and a set of known employees; records every statement. */
function fakeManager(heldVersion: number, known: string[]) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const m = {
    query: async (sql: string, params: unknown[] = []) => {
      statements.push({ sql, params });
      if (sql.startsWith('SELECT version')) return [{ version: heldVersion }];
      if (sql.startsWith('SELECT employee_id')) return (params[0] as string[]).filter((e) => known.includes(e)).map((e) => ({ e }));
      return [];
    },
  } as unknown as EntityManager;
  return { m, statements };
}

const event = { teamId: TEAM, name: 'Shenzhen field', managerId: 'E100010', members: ['E100011', 'E100010', 'E100404'], version: 3 };

describe('SalesTeamMembership.apply', () => {
  it('replaces the team rows with the known members and stores the version', async () => {
    const { m, statements } = fakeManager(2, ['E100010', 'E100011']);
    expect(await new SalesTeamMembership().apply(m, event, 'E100001')).toEqual({ applied: true, unknown: ['E100404'] });
    const insert = statements.find((s) => s.sql.startsWith('INSERT INTO team_member'))!;
    expect(insert.params).toEqual([
      [
        ['sales', TEAM, 'E100010', 'E100001'],
        ['sales', TEAM, 'E100011', 'E100001'],
      ],
    ]);
    expect(statements.find((s) => s.sql.startsWith('UPDATE team_source'))!.params).toEqual([
      3,
      'Shenzhen field',
      'E100010',
      '["E100404"]',
      TEAM,
    ]);
  });

  it('ignores a version it already holds or an older one: a late event never undoes a newer change', async () => {
    for (const held of [3, 4]) {
      const { m, statements } = fakeManager(held, ['E100010', 'E100011']);
      expect(await new SalesTeamMembership().apply(m, event, 'E100001')).toEqual({ applied: false, unknown: [] });
      expect(statements.some((s) => /^(DELETE|UPDATE|INSERT INTO team_member)/.test(s.sql))).toBe(false);
    }
  });
});
