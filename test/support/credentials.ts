import type { Stack } from './stack.js';

/** HTTP helpers for the employee credential endpoints of `auth`. */
export interface HttpResult {
  status: number;
  body: any;
  ms: number;
}

export async function postJson(stack: Stack, path: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const started = performance.now();
  const res = await fetch(`${stack.url('auth')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, ms };
}

export function login(stack: Stack, employeeId: string, password: string, extra: Record<string, unknown> = {}): Promise<HttpResult> {
  return postJson(stack, '/auth/login', { employeeId, password, ...extra });
}

/** A new active employee (through `admin create`, the only way in this branch) with the given roles and contacts. */
export async function createEmployee(
  stack: Stack,
  name: string,
  password: string,
  patch: { roles?: string[]; email?: string; phone?: string } = {},
): Promise<string> {
  const r = await stack.cli(['admin', 'create', name, '--password-stdin'], password);
  if (r.code !== 0) throw new Error(`admin create failed: ${r.stderr}`);
  const employeeId = r.json.employeeId as string;
  const db = await stack.db('auth');
  try {
    if (patch.roles) {
      await db.query('DELETE FROM employee_role WHERE employee_id = ?', [employeeId]);
      for (const role of patch.roles)
        await db.query('INSERT INTO employee_role (employee_id, role_name, assigned_at, assigned_by) VALUES (?, ?, NOW(3), ?)', [
          employeeId,
          role,
          'test-fixture',
        ]);
    }
    if (patch.email) await db.query('UPDATE employee SET email = ? WHERE employee_id = ?', [patch.email, employeeId]);
    if (patch.phone) await db.query('UPDATE employee SET phone = ? WHERE employee_id = ?', [patch.phone, employeeId]);
  } finally {
    await db.end();
  }
  return employeeId;
}

export async function employeeRow(stack: Stack, employeeId: string): Promise<any> {
  const db = await stack.db('auth');
  try {
    const [rows] = await db.query<any[]>('SELECT * FROM employee WHERE employee_id = ?', [employeeId]);
    return rows[0];
  } finally {
    await db.end();
  }
}

export async function sql(stack: Stack, query: string, params: unknown[] = []): Promise<any[]> {
  const db = await stack.db('auth');
  try {
    const [rows] = await db.query<any[]>(query, params);
    return rows;
  } finally {
    await db.end();
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** True when `text` contains `digits` as a whole number (not inside a longer run of digits). */
export function containsNumber(text: string, digits: string): boolean {
  return new RegExp(`(?<!\\d)${digits}(?!\\d)`).test(text);
}
