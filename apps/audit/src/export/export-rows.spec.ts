import { describe, expect, it } from '@jest/globals';
import { CSV_COLUMNS, csvRecord, neutraliseCell } from './export-rows.js';

describe('neutraliseCell (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")'],
    ['+cmd|calc!A0'],
    ['-2+3'],
    ['@SUM(A1:A2)'],
    ['\t=1'],
    ['\r=1'],
    ['   =1+1'],
    ['\u00a0@x'],
  ])('prefixes %j with a single quote', (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it.each([['EOMS'], ['service.system.ping.v1'], ['2026-01-01T00:00:00.000Z'], ['a=b'], [''], ["'quoted"]])('leaves %j alone', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });

  it('leaves numbers, booleans and nulls alone (they are ours, not the caller’s)', () => {
    expect([neutraliseCell(-1), neutraliseCell(true), neutraliseCell(null)]).toEqual([-1, true, null]);
  });
});

describe('csvRecord', () => {
  const item = {
    seq: 1,
    caller: '=HYPERLINK("http://evil.example","x")',
    requestId: '+cmd|calc!A0',
    code: 4002,
    ok: false,
    message: 'invalid credentials',
  };

  it('neutralises by default and keeps the stored bytes with raw', () => {
    const at = (row: unknown[], column: string) => row[CSV_COLUMNS.calls.indexOf(column)];
    const safe = csvRecord('calls', item);
    expect(at(safe, 'caller')).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(at(safe, 'requestId')).toBe(`'+cmd|calc!A0`);
    expect(at(safe, 'code')).toBe(4002);
    const raw = csvRecord('calls', item, true);
    expect(at(raw, 'caller')).toBe(item.caller);
    expect(at(raw, 'requestId')).toBe(item.requestId);
  });
});
