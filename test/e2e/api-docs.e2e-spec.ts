import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ALL_APPS, Stack, type AppName } from '../support/stack.js';

/**
 * Issue 14, the front door: every app serves an OpenAPI document of its HTTP API at `/docs-json`
 * (Swagger UI at `/docs`) and the wire contract's AsyncAPI document at `/asyncapi.json`. Each
 * OpenAPI document must be valid, and every operation must describe its request body, its 2xx
 * answer and its error answers in the error body of the wire contract.
 */

jest.setTimeout(420_000);

type Operation = {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Record<string, unknown> }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
  'x-permissions'?: string[];
  'x-always-refused'?: boolean;
};

/** POST routes that take no body, by design. */
const BODILESS = new Set(['POST /auth/logout']);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

let stack: Stack;
const docs = new Map<AppName, any>();

function operations(doc: any): Array<[string, Operation]> {
  const out: Array<[string, Operation]> = [];
  for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths))
    for (const m of METHODS) if (item[m]) out.push([`${m.toUpperCase()} ${path}`, item[m]]);
  return out;
}

beforeAll(async () => {
  // One app after the other: five Nest apps starting at once on a small, busy machine miss the 60 s health deadline.
  stack = await Stack.start({ apps: [] });
  for (const app of ALL_APPS) await stack.startApp(app);
  for (const app of ALL_APPS) {
    const res = await fetch(`${stack.url(app)}/docs-json`);
    expect(res.status).toBe(200);
    docs.set(app, await res.json());
  }
});

afterAll(async () => {
  await stack?.stop();
});

describe.each(ALL_APPS)('%s OpenAPI', (app) => {
  it('is a valid OpenAPI document', async () => {
    // The validator dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(docs.get(app)))).resolves.toBeTruthy();
  });

  it('gives every operation its body, a 2xx answer with a schema and its error answers', () => {
    const ops = operations(docs.get(app));
    expect(ops.length).toBeGreaterThanOrEqual(3); // health, metrics, asyncapi.json at least
    const problems: string[] = [];
    for (const [name, op] of ops) {
      const takesBody = /^(POST|PUT|PATCH) /.test(name) && !BODILESS.has(name);
      if (takesBody && !op.requestBody?.content?.['application/json']?.schema) problems.push(`${name}: no request body schema`);
      const ok = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
      const described = ok.some(([status, r]) => status === '204' || Object.values(r.content ?? {}).some((c) => c.schema));
      if (!described && !op['x-always-refused']) problems.push(`${name}: no 2xx answer with a schema`);
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      if (errors.length === 0) problems.push(`${name}: no error answer`);
      // Every error answer is the wire contract's error body (the health check's 503 carries the health report).
      for (const [status, r] of errors)
        if (!JSON.stringify(r.content ?? {}).includes('ErrorBodyDto') && !(name === 'GET /health' && status === '503'))
          problems.push(`${name}: ${status} is not the error body`);
      if (op.security?.length && !op.responses['401']) problems.push(`${name}: needs a token but documents no 401`);
      if (op['x-permissions'] && !op.responses['403']) problems.push(`${name}: needs a permission but documents no 403`);
    }
    expect(problems).toEqual([]);
  });

  it('serves the AsyncAPI document of the wire contract', async () => {
    const res = await fetch(`${stack.url(app)}/asyncapi.json`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(await readFile(new URL('../../docs/asyncapi.json', import.meta.url), 'utf8'));
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await fetch(`${stack.url(app)}/docs`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger-ui');
  });
});

describe('what a newcomer looked for', () => {
  it('documents the filters of GET /audit/calls as query parameters, spelt as the DTO checks them', () => {
    const op = docs.get('audit').paths['/audit/calls'].get as Operation;
    const params = new Map(op.parameters!.filter((p) => p.in === 'query').map((p) => [p.name, p]));
    expect([...params.keys()].sort()).toEqual(
      [
        'actor',
        'callee',
        'caller',
        'code',
        'cursor',
        'direction',
        'from',
        'internal',
        'limit',
        'ok',
        'order',
        'pattern',
        'requestId',
        'service',
        'sort',
        'to',
        'traceId',
      ].sort(),
    );
    expect(params.get('traceId')!.schema).toMatchObject({ type: 'string' });
    expect(params.get('requestId')!.schema).toMatchObject({ type: 'string', maxLength: expect.any(Number) });
    expect(params.get('code')!.schema).toMatchObject({ type: 'integer', minimum: 0 });
    expect(params.get('direction')!.schema).toMatchObject({ enum: ['inbound', 'outbound'] });
    expect(params.get('ok')!.schema).toMatchObject({ type: 'boolean' });
    expect(params.get('limit')!.schema).toMatchObject({ maximum: 1000 });
    expect([...params.values()].every((p) => !p.required)).toBe(true);
    expect(op['x-permissions']).toEqual(['audit.read']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '422', '500']));
  });

  it('documents the bodies of login and refresh, and what login answers', () => {
    const paths = docs.get('auth').paths;
    const schemas = docs.get('auth').components.schemas;
    const login = paths['/auth/login'].post as Operation;
    expect(JSON.stringify(login.requestBody)).toContain('LoginDto');
    expect(schemas.LoginDto.required).toEqual(expect.arrayContaining(['employeeId', 'password']));
    expect(JSON.stringify(login.responses['200'])).toContain('SessionTokensResponse');
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['401', '403']));
    expect(JSON.stringify(paths['/auth/refresh'].post.requestBody)).toContain('RefreshDto');
    expect(paths['/auth/logout'].post.responses['204']).toBeDefined();
  });

  it('leaves the operator console page out of the API', () => {
    expect(Object.keys(docs.get('audit').paths).filter((p) => p.startsWith('/console') || p === '/favicon.ico')).toEqual([]);
  });
});
