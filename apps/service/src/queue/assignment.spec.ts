import { describe, expect, it } from '@jest/globals';
import { pickMember, requiredSkills, routeCase, type Candidate } from './assignment.js';

const m = (employeeId: string, load: number, capacity = 5, skills: string[] = []): Candidate => ({ employeeId, load, capacity, skills });

describe('round-robin', () => {
  it('takes the next member after the last one, wrapping round', () => {
    const members = [m('E3', 0), m('E1', 0), m('E2', 0)];
    expect(pickMember('round-robin', members, [], null).employeeId).toBe('E1');
    expect(pickMember('round-robin', members, [], 'E1').employeeId).toBe('E2');
    expect(pickMember('round-robin', members, [], 'E2').employeeId).toBe('E3');
    expect(pickMember('round-robin', members, [], 'E3').employeeId).toBe('E1');
  });

  it('skips a member at capacity; a member added since the last pick takes their turn', () => {
    expect(pickMember('round-robin', [m('E1', 0), m('E2', 5), m('E3', 0)], [], 'E1').employeeId).toBe('E3');
    // E15 joined the queue: it comes after E1 in ID order, so it is next.
    expect(pickMember('round-robin', [m('E1', 0), m('E15', 0), m('E2', 0)], [], 'E1').employeeId).toBe('E15');
  });

  it('no one free: the case waits', () => {
    expect(pickMember('round-robin', [m('E1', 5)], [], null)).toEqual({ employeeId: null, reason: 'every member is at capacity' });
    expect(pickMember('round-robin', [], [], null)).toEqual({ employeeId: null, reason: 'queue has no members' });
  });
});

describe('least-busy', () => {
  it('fewest open cases relative to capacity: 3/10 beats 1/2', () => {
    expect(pickMember('least-busy', [m('E1', 1, 2), m('E2', 3, 10)], [], null).employeeId).toBe('E2');
  });

  it('ties go round in ID order after the last pick', () => {
    const members = [m('E1', 1), m('E2', 1), m('E3', 1)];
    expect(pickMember('least-busy', members, [], null).employeeId).toBe('E1');
    expect(pickMember('least-busy', members, [], 'E1').employeeId).toBe('E2');
  });
});

describe('skills', () => {
  it('only members with every required skill; least busy among them', () => {
    const members = [m('E1', 0, 5, ['broadband']), m('E2', 2, 5, ['broadband', 'complaints']), m('E3', 1, 5, ['broadband', 'complaints'])];
    expect(pickMember('skills', members, ['broadband', 'complaints'], null).employeeId).toBe('E3');
    expect(pickMember('skills', members, ['broadband'], null).employeeId).toBe('E1');
    expect(pickMember('skills', members, ['mobile'], null)).toEqual({ employeeId: null, reason: 'no free member has the skills mobile' });
  });

  it('required skills: the queue’s for the category plus the case’s own, once each', () => {
    expect(requiredSkills({ complaint: ['complaints'], fault: ['broadband'] }, 'complaint', ['vip', 'complaints'])).toEqual([
      'complaints',
      'vip',
    ]);
    expect(requiredSkills({}, 'billing', [])).toEqual([]);
  });
});

describe('routing', () => {
  const queues = [
    { id: 'any', categories: [], channels: [], routingOrder: 900, active: true },
    { id: 'complaints-phone', categories: ['complaint'], channels: ['phone'], routingOrder: 10, active: true },
    { id: 'complaints', categories: ['complaint', 'regulatory-complaint'], channels: [], routingOrder: 20, active: true },
    { id: 'off', categories: ['billing'], channels: [], routingOrder: 1, active: false },
  ];
  it('first active queue by routing order whose criteria match', () => {
    expect(routeCase(queues, { category: 'complaint', channel: 'phone' })).toBe('complaints-phone');
    expect(routeCase(queues, { category: 'complaint', channel: 'email' })).toBe('complaints');
    expect(routeCase(queues, { category: 'billing', channel: 'web' })).toBe('any');
    expect(routeCase(queues.slice(1), { category: 'billing', channel: 'web' })).toBeNull();
  });
});
