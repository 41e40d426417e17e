import { describe, expect, it } from '@jest/globals';
import { configErrorOf } from '@crm/config';
import { describeExit, loadRestartPolicy, RestartPolicy } from './restart-policy.js';

const policy = (o: Partial<ReturnType<typeof loadRestartPolicy>> = {}) =>
  new RestartPolicy({ limit: 5, windowMs: 60_000, delayMs: 1000, maxDelayMs: 30_000, ...o });

describe('RestartPolicy', () => {
  it('restarts with a delay that doubles for each crash inside the window, up to the maximum', () => {
    const p = policy({ limit: 100, maxDelayMs: 5000 });
    const delays = [0, 1, 2, 3, 4, 5].map((i) => p.onCrash('audit', 1000 * i));
    expect(delays.map((d) => (d.action === 'restart' ? d.delayMs : null))).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
    expect(delays.map((d) => (d.action === 'restart' ? d.restart : null))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives up at the limit-th crash within the window, not before', () => {
    const p = policy({ limit: 3, windowMs: 10_000 });
    expect(p.onCrash('audit', 0).action).toBe('restart');
    expect(p.onCrash('audit', 4000).action).toBe('restart');
    expect(p.onCrash('audit', 8000)).toEqual({ action: 'give-up', crashesInWindow: 3 });
  });

  it('forgets crashes older than the window: a rare crash is always restarted, quickly', () => {
    const p = policy({ limit: 2, windowMs: 10_000 });
    for (let i = 0; i < 5; i++) {
      const d = p.onCrash('audit', i * 11_000);
      expect(d).toEqual({ action: 'restart', restart: i + 1, crashesInWindow: 1, delayMs: 1000 });
    }
  });

  it('counts each app on its own', () => {
    const p = policy({ limit: 2 });
    expect(p.onCrash('audit', 0).action).toBe('restart');
    expect(p.onCrash('service', 1).action).toBe('restart');
    expect(p.onCrash('audit', 2).action).toBe('give-up');
  });
});

describe('loadRestartPolicy', () => {
  it('has documented defaults and reads seconds and milliseconds', () => {
    expect(loadRestartPolicy({})).toEqual({ limit: 5, windowMs: 60_000, delayMs: 1000, maxDelayMs: 30_000 });
    expect(
      loadRestartPolicy({
        CRM_RESTART_LIMIT: '3',
        CRM_RESTART_WINDOW_SECONDS: '20',
        CRM_RESTART_DELAY_MS: '200',
        CRM_RESTART_DELAY_MAX_MS: '800',
      }),
    ).toEqual({ limit: 3, windowMs: 20_000, delayMs: 200, maxDelayMs: 800 });
  });

  it('names the variable of a bad value', () => {
    expect(configErrorOf(() => loadRestartPolicy({ CRM_RESTART_LIMIT: '0' })).message).toBe(
      'configuration error: CRM_RESTART_LIMIT must be between 1 and 1000',
    );
    expect(configErrorOf(() => loadRestartPolicy({ CRM_RESTART_WINDOW_SECONDS: 'soon' })).variable).toBe('CRM_RESTART_WINDOW_SECONDS');
  });
});

describe('describeExit', () => {
  it('names the signal when there is one, else the code', () => {
    expect(describeExit(null, 'SIGKILL')).toBe('signal SIGKILL');
    expect(describeExit(1, null)).toBe('exit code 1');
  });
});
