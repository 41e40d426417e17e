import { describe, expect, it } from '@jest/globals';
import {
  effectiveRegions,
  eligibleOwners,
  leastLoaded,
  mostSpecific,
  nextRoundRobin,
  regionLevel,
  regionWithin,
  specificity,
  type MatchableTerritory,
} from './territory-matching.js';

const at = (n: number) => new Date(Date.UTC(2026, 10, 1, 0, 0, n));

function territory(id: string, over: Partial<MatchableTerritory> = {}): MatchableTerritory {
  return { id, regionCode: null, industryCodes: [], segments: [], priority: 100, createdAt: at(0), ...over };
}

// Guangdong 440000 ⊃ Shenzhen 440300 ⊃ Nanshan 440305; Guangzhou 440100.
const guangdong = territory('gd', { regionCode: '440000' });
const shenzhen = territory('sz', { regionCode: '440300' });
const nanshan = territory('ns', { regionCode: '440305' });
const shenzhenFinance = territory('sz-fin', { regionCode: '440300', industryCodes: ['J'] });
const shenzhenBanks = territory('sz-bank', { regionCode: '440300', industryCodes: ['J66'] });
const shenzhenGov = territory('sz-gov', { regionCode: '440300', segments: ['government'] });
const national = territory('cn');

describe('regions (GB/T 2260)', () => {
  it('knows province, city and county codes and which lies under which', () => {
    expect([regionLevel('440000'), regionLevel('440300'), regionLevel('440305')]).toEqual([1, 2, 3]);
    expect(regionWithin('440305', '440000')).toBe(true);
    expect(regionWithin('440300', '440000')).toBe(true);
    expect(regionWithin('440305', '440300')).toBe(true);
    expect(regionWithin('440300', '440300')).toBe(true);
    expect(regionWithin('440100', '440300')).toBe(false); // Guangzhou is not in Shenzhen
    expect(regionWithin('440000', '440300')).toBe(false); // a province does not lie under its city
    expect(regionWithin('450300', '440000')).toBe(false);
    expect(regionWithin('110101', '110000')).toBe(true); // Dongcheng in Beijing
  });

  it('a territory without a region takes its nearest ancestor region', () => {
    const regions = effectiveRegions([
      { id: 'gd', parentId: null, regionCode: '440000' },
      { id: 'gd-key', parentId: 'gd', regionCode: null },
      { id: 'gd-key-sz', parentId: 'gd-key', regionCode: '440300' },
      { id: 'gd-key-sz-x', parentId: 'gd-key-sz', regionCode: null },
      { id: 'orphan', parentId: 'gone', regionCode: null },
    ]);
    expect(Object.fromEntries(regions)).toEqual({
      gd: '440000',
      'gd-key': '440000',
      'gd-key-sz': '440300',
      'gd-key-sz-x': '440300',
      orphan: null,
    });
  });
});

describe('specificity and the most specific territory', () => {
  it('scores region depth, industry prefix length and segment', () => {
    const bankInNanshan = { regionCode: '440305', industryCode: 'J6620', segment: 'business' };
    expect(specificity(guangdong, bankInNanshan)).toEqual({ region: 1, industry: 0, segment: 0 });
    expect(specificity(nanshan, bankInNanshan)).toEqual({ region: 3, industry: 0, segment: 0 });
    expect(specificity(shenzhenBanks, bankInNanshan)).toEqual({ region: 2, industry: 3, segment: 0 });
    expect(specificity(shenzhenFinance, bankInNanshan)).toEqual({ region: 2, industry: 1, segment: 0 });
    expect(specificity(shenzhenGov, bankInNanshan)).toBeNull(); // wrong segment
    expect(specificity(shenzhen, { ...bankInNanshan, regionCode: null })).toBeNull(); // no region, region criterion
    expect(specificity(national, { regionCode: null, industryCode: null, segment: null })).toEqual({ region: 0, industry: 0, segment: 0 });
  });

  it('deepest region first, then the longest industry match, then segment, then priority', () => {
    const all = [national, guangdong, shenzhen, nanshan, shenzhenFinance, shenzhenBanks, shenzhenGov];
    // A Nanshan bank: the county territory beats every Shenzhen one, however specific their industry.
    expect(mostSpecific(all, { regionCode: '440305', industryCode: 'J6620', segment: 'business' })?.id).toBe('ns');
    // A Futian (440304) bank: Shenzhen level; J66 (3) beats J (1) beats no industry.
    expect(mostSpecific(all, { regionCode: '440304', industryCode: 'J6620', segment: 'business' })?.id).toBe('sz-bank');
    // A Futian insurer (J68): only the J prefix matches.
    expect(mostSpecific(all, { regionCode: '440304', industryCode: 'J6810', segment: 'business' })?.id).toBe('sz-fin');
    // A Futian government office (S): the segment territory beats plain Shenzhen.
    expect(mostSpecific(all, { regionCode: '440304', industryCode: 'S9221', segment: 'government' })?.id).toBe('sz-gov');
    // Guangzhou: only the province; outside Guangdong: the national territory; nothing else matches.
    expect(mostSpecific(all, { regionCode: '440106', industryCode: 'I65', segment: 'business' })?.id).toBe('gd');
    expect(mostSpecific(all, { regionCode: '310101', industryCode: 'I65', segment: 'business' })?.id).toBe('cn');
    expect(mostSpecific([guangdong, shenzhen], { regionCode: '310101', industryCode: null, segment: null })).toBeNull();
  });

  it('equally specific territories: lower priority number, then the older one, then the smaller id', () => {
    const a = territory('a', { regionCode: '440300', priority: 20, createdAt: at(5) });
    const b = territory('b', { regionCode: '440300', priority: 10, createdAt: at(9) });
    const c = territory('c', { regionCode: '440300', priority: 10, createdAt: at(1) });
    const d = territory('d', { regionCode: '440300', priority: 10, createdAt: at(1) });
    const input = { regionCode: '440300', industryCode: null, segment: null };
    expect(mostSpecific([a, b], input)?.id).toBe('b');
    expect(mostSpecific([a, b, c], input)?.id).toBe('c');
    expect(mostSpecific([d, a, c, b], input)?.id).toBe('c');
  });
});

describe('owners', () => {
  it('round-robin serves members in turn and stays fair when members join or leave', () => {
    const picks: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 6; i++) picks.push((last = nextRoundRobin(['E3', 'E1', 'E2'], last))!);
    expect(picks).toEqual(['E1', 'E2', 'E3', 'E1', 'E2', 'E3']);
    // E2 was served last; E15 joins: it sorts between E1 and E2 ("E15" < "E2"), so E3 is next, then E1, then E15.
    expect(nextRoundRobin(['E1', 'E15', 'E2', 'E3'], 'E2')).toBe('E3');
    expect(nextRoundRobin(['E1', 'E15', 'E2', 'E3'], 'E3')).toBe('E1');
    expect(nextRoundRobin(['E1', 'E15', 'E2', 'E3'], 'E1')).toBe('E15');
    // The last one served left: the next after it still comes next.
    expect(nextRoundRobin(['E1', 'E3'], 'E2')).toBe('E3');
    expect(nextRoundRobin([], 'E2')).toBeNull();
  });

  it('least-loaded picks the fewest open opportunities plus accounts; ties go round-robin', () => {
    // E1: 3 accounts + 2 open opportunities = 5, E2: 4, E3: 4.
    const loads = new Map([
      ['E1', 5],
      ['E2', 4],
      ['E3', 4],
    ]);
    expect(leastLoaded(['E1', 'E2', 'E3'], loads, null)).toBe('E2');
    expect(leastLoaded(['E1', 'E2', 'E3'], loads, 'E2')).toBe('E3');
    // A new member owns nothing (load 0 when absent from the loads).
    expect(leastLoaded(['E1', 'E2', 'E3', 'E4'], loads, 'E2')).toBe('E4');
    expect(leastLoaded([], loads, null)).toBeNull();
  });

  it('eligible owners: the fixed owner, or the team', () => {
    expect(eligibleOwners('fixed', 'E9', ['E1'])).toEqual(['E9']);
    expect(eligibleOwners('round-robin', null, ['E1', 'E2'])).toEqual(['E1', 'E2']);
    expect(eligibleOwners('least-loaded', null, [])).toEqual([]);
  });
});
