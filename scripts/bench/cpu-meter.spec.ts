import { describe, expect, it } from '@jest/globals';
import { cpuBudgetLines, cpuMsOf, pathProcesses } from './cpu-meter.js';

describe('cpu-meter', () => {
  it('reads a live process from /proc and rises while it works; a gone one is null', () => {
    const before = cpuMsOf(process.pid)!;
    const until = Date.now() + 120;
    while (Date.now() < until) Math.sqrt(Math.random());
    expect(cpuMsOf(process.pid)!).toBeGreaterThan(before);
    expect(cpuMsOf(2 ** 22 + 1)).toBeNull();
  });

  it('names the apps, the servers it finds and this process', () => {
    const processes = pathProcesses(
      new Map([
        ['service#0', 11],
        ['service#1', 12],
      ]),
    );
    expect(processes.get('service')).toBe(11);
    expect(processes.get('service#1')).toBe(12);
    expect(processes.get('bench')).toBe(process.pid);
  });

  it('divides each process’s CPU by the calls and bounds the rate by the cores', () => {
    const [line] = cpuBudgetLines(
      'crm c64',
      {
        cpuMs: new Map([
          ['service', 2000],
          ['mariadb', 2000],
        ]),
      },
      1000,
      2,
    );
    // 2 ms + 2 ms per call: two cores allow 2,000 ms / 4 ms = 500 calls/s.
    expect(line).toBe('  crm c64 CPU per call: service 2.00, mariadb 2.00 ms; all 4.00 ms → at most 500 calls/s on 2 cores');
    expect(cpuBudgetLines('raw c1', { cpuMs: new Map() }, 0, 2)).toEqual(['  raw c1: no calls']);
  });
});
