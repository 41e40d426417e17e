import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import type { TeamRepository } from '../team/team.repository.js';
import { TerritoryAssignment } from './territory-assignment.js';
import type { TerritoryRepository, TerritoryRow } from './territory.repository.js';

const m = {} as EntityManager;

function row(id: string, over: Partial<TerritoryRow> = {}): TerritoryRow {
  return {
    id,
    name: id,
    parentId: null,
    regionCode: null,
    industryCodes: [],
    segments: [],
    teamId: 'team-sz',
    ruleId: `rule-${id}`,
    ruleKind: 'round-robin',
    ruleOwnerId: null,
    priority: 100,
    version: 1,
    createdBy: 'E100001',
    updatedBy: 'E100001',
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    ...over,
  };
}

/** Territories, assignment state and loads in memory; `locks` counts the state-row locks taken. */
class FakeTerritories {
  rows: TerritoryRow[] = [];
  state = new Map<string, string | null>();
  loadsBy = new Map<string, number>();
  locks = 0;
  async all() {
    return this.rows;
  }
  async lockState(_m: EntityManager, id: string) {
    this.locks += 1;
    return { lastOwnerId: this.state.get(id) ?? null };
  }
  async peekState(_m: EntityManager, id: string) {
    return { lastOwnerId: this.state.get(id) ?? null };
  }
  async saveState(_m: EntityManager, id: string, owner: string) {
    this.state.set(id, owner);
  }
  async loads(_m: EntityManager, employees: readonly string[]) {
    return new Map(employees.map((e) => [e, this.loadsBy.get(e) ?? 0]));
  }
}

class FakeTeams {
  teams = new Map<string, { managerId: string; members: string[] }>([
    ['team-sz', { managerId: 'E100009', members: ['E100003', 'E100001', 'E100002'] }],
  ]);
  async membersOf(_m: EntityManager, ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.teams.has(id) ? [[id, this.teams.get(id)!] as const] : [])));
  }
}

function setup(...rows: TerritoryRow[]) {
  const territories = new FakeTerritories();
  territories.rows = rows;
  const teams = new FakeTeams();
  const assignment = new TerritoryAssignment(territories as unknown as TerritoryRepository, teams as unknown as TeamRepository);
  return { assignment, territories, teams };
}

const futianBank = { regionCode: '440304', industryCode: 'J6620', segment: 'business' };

describe('TerritoryAssignment.place', () => {
  it('places in the most specific territory and its round-robin owner, taking turns across placements', async () => {
    const { assignment, territories } = setup(
      row('gd', { regionCode: '440000', ruleKind: 'fixed', ruleOwnerId: 'E100100', teamId: null }),
      row('sz', { regionCode: null, parentId: 'gd-sz' }),
      row('gd-sz', { regionCode: '440300', parentId: 'gd', ruleKind: 'fixed', ruleOwnerId: 'E100200', teamId: null }),
      row('sz-bank', { parentId: 'gd-sz', industryCodes: ['J66'] }),
    );
    const owners: Array<string | null> = [];
    for (let i = 0; i < 6; i++) {
      const p = await assignment.place(m, futianBank);
      expect(p).toMatchObject({ territoryId: 'sz-bank', ruleId: 'rule-sz-bank' });
      owners.push(p.ownerId);
    }
    // Three members, six placements: each twice, in employee-ID order.
    expect(owners).toEqual(['E100001', 'E100002', 'E100003', 'E100001', 'E100002', 'E100003']);
    expect(territories.locks).toBe(6);
    // Not a bank: the inherited-region child `sz` (no criteria of its own) ties with gd-sz on region; priority and age tie, id decides.
    expect(await assignment.place(m, { ...futianBank, industryCode: 'I6510' })).toMatchObject({ territoryId: 'gd-sz', ownerId: 'E100200' });
    // Guangzhou: the province's fixed owner. Shanghai: no territory, nobody assigned.
    expect(await assignment.place(m, { ...futianBank, regionCode: '440106' })).toEqual({
      territoryId: 'gd',
      ownerId: 'E100100',
      ruleId: 'rule-gd',
    });
    expect(await assignment.place(m, { ...futianBank, regionCode: '310101' })).toEqual({ territoryId: null, ownerId: null, ruleId: null });
  });

  it('least-loaded picks the member with the fewest open opportunities plus accounts', async () => {
    const { assignment, territories } = setup(row('sz', { regionCode: '440300', ruleKind: 'least-loaded' }));
    territories.loadsBy = new Map([
      ['E100001', 7],
      ['E100002', 3],
      ['E100003', 5],
    ]);
    expect((await assignment.place(m, futianBank)).ownerId).toBe('E100002');
    territories.loadsBy.set('E100002', 5);
    // E100002 and E100003 tie at 5: the turn goes on from E100002 to E100003.
    expect((await assignment.place(m, futianBank)).ownerId).toBe('E100003');
  });

  it('a team without members assigns to its manager; a territory without a team assigns nobody', async () => {
    const { assignment, teams } = setup(row('sz', { regionCode: '440300' }));
    teams.teams.set('team-sz', { managerId: 'E100009', members: [] });
    expect((await assignment.place(m, futianBank)).ownerId).toBe('E100009');
    teams.teams.clear();
    expect(await assignment.place(m, futianBank)).toEqual({ territoryId: 'sz', ownerId: null, ruleId: 'rule-sz' });
  });
});

describe('TerritoryAssignment.realign', () => {
  it('keeps a record that is placed and owned by an eligible owner; moves the rest', async () => {
    const { assignment, territories } = setup(
      row('sz', { regionCode: '440300' }),
      row('gz', { regionCode: '440100', ruleKind: 'fixed', ruleOwnerId: 'E100200', teamId: null }),
    );
    const set = await assignment.load(m);
    // In place, owned by a member: stays.
    expect(await assignment.realign(m, set, futianBank, { ownerId: 'E100002', territoryId: 'sz' }, false)).toBeNull();
    // Not yet in a territory but owned by a member: only the territory changes.
    expect(await assignment.realign(m, set, futianBank, { ownerId: 'E100002', territoryId: null }, false)).toEqual({
      territoryId: 'sz',
      ownerId: 'E100002',
      ruleId: 'rule-sz',
    });
    // Owned by someone outside the team: the rule picks the owner.
    expect(await assignment.realign(m, set, futianBank, { ownerId: 'E100777', territoryId: 'sz' }, false)).toEqual({
      territoryId: 'sz',
      ownerId: 'E100001',
      ruleId: 'rule-sz',
    });
    // A dry run does not take a turn: the next real pick is still E100002.
    expect((await assignment.realign(m, set, futianBank, { ownerId: 'E100777', territoryId: 'sz' }, true))?.ownerId).toBe('E100002');
    expect(territories.state.get('sz')).toBe('E100001');
    // Guangzhou's fixed owner takes a Guangzhou record; outside every territory a record leaves its territory and keeps its owner.
    expect(
      await assignment.realign(m, set, { ...futianBank, regionCode: '440106' }, { ownerId: 'E100002', territoryId: 'sz' }, false),
    ).toEqual({
      territoryId: 'gz',
      ownerId: 'E100200',
      ruleId: 'rule-gz',
    });
    expect(
      await assignment.realign(m, set, { ...futianBank, regionCode: '310101' }, { ownerId: 'E100002', territoryId: 'sz' }, false),
    ).toEqual({
      territoryId: null,
      ownerId: 'E100002',
      ruleId: null,
    });
    expect(
      await assignment.realign(m, set, { ...futianBank, regionCode: '310101' }, { ownerId: 'E100002', territoryId: null }, false),
    ).toBeNull();
  });
});
