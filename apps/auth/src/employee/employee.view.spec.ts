import { describe, expect, it } from '@jest/globals';
import { EmployeeEntity } from './employee.entity.js';
import { toEmployeeView, toPublicProfile } from './employee.view.js';

function entity(): EmployeeEntity {
  return Object.assign(new EmployeeEntity(), {
    employeeId: 'E100042',
    name: 'Wang Fang',
    department: 'Service',
    position: 'Agent',
    phone: '+86 138 0000 0000',
    email: 'wang.fang@example.com',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    status: 'active',
    sessionVersion: 7,
    failedLogins: 3,
    lockedUntil: null,
    lastLoginAt: new Date('2026-11-01T08:00:00.000Z'),
    filedBy: 'E100001',
    decidedBy: 'E100002',
    decidedAt: new Date('2026-10-01T08:00:00.000Z'),
    decisionNote: null,
    passwordChangeRequired: true,
    passwordChangedAt: null,
    initialPasswordExpiresAt: new Date('2026-10-04T08:00:00.000Z'),
    lastReviewedAt: null,
    disabledAt: null,
    reviewOverdueAnnouncedFor: null,
    createdAt: new Date('2026-09-30T08:00:00.000Z'),
    updatedAt: new Date('2026-10-01T08:00:00.000Z'),
  });
}

describe('employee views', () => {
  it('never carry the password hash, session version or failure counters', () => {
    const view = toEmployeeView(entity(), ['service-agent']);
    const text = JSON.stringify(view);
    expect(text).not.toContain('argon2');
    expect(Object.keys(view)).not.toEqual(expect.arrayContaining(['passwordHash']));
    for (const key of ['passwordHash', 'sessionVersion', 'failedLogins', 'lockedUntil', 'reviewOverdueAnnouncedFor'])
      expect(view).not.toHaveProperty(key);
    expect(view).toMatchObject({
      employeeId: 'E100042',
      roles: ['service-agent'],
      passwordChangeRequired: true,
      initialPasswordExpiresAt: '2026-10-04T08:00:00.000Z',
    });
  });

  it('give other apps no contact data', () => {
    expect(toPublicProfile(entity(), ['service-agent'])).toEqual({
      employeeId: 'E100042',
      name: 'Wang Fang',
      department: 'Service',
      position: 'Agent',
      status: 'active',
      roles: ['service-agent'],
    });
  });
});
