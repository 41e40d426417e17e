import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import { ApiErrors, completeErrorResponses } from './api-docs.js';

const SWAGGER_RESPONSES = 'swagger/apiResponse';

describe('ApiErrors', () => {
  it('groups codes under the HTTP status the exception filter answers them with, in the error body', () => {
    class Probe {
      handler(): void {}
    }
    const descriptor = Object.getOwnPropertyDescriptor(Probe.prototype, 'handler')!;
    ApiErrors(ErrorCode.InvalidCredentials, [ErrorCode.ActorInvalid, 'second factor required'], ErrorCode.Conflict)(
      Probe.prototype,
      'handler',
      descriptor,
    );
    const responses = Reflect.getMetadata(SWAGGER_RESPONSES, descriptor.value) as Record<string, { description: string; type: unknown }>;
    expect(Object.keys(responses).sort()).toEqual(['401', '409']);
    expect(responses['401']!.description).toBe('4002: invalid credentials; 4010: second factor required');
    expect((responses['409']!.type as { name: string }).name).toBe('ErrorBodyDto');
  });
});

describe('completeErrorResponses', () => {
  const doc = (): OpenAPIObject =>
    ({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/open': { get: { responses: { '200': { description: 'ok' } } } },
        '/query': { get: { parameters: [{ name: 'q', in: 'query' }], responses: {} } },
        '/guarded': {
          post: {
            security: [{ bearer: [] }],
            'x-permissions': ['audit.read'],
            requestBody: { content: {} },
            responses: { '403': { description: '4030: nobody reviews their own access' } },
          },
        },
        '/path-only': { get: { parameters: [{ name: 'id', in: 'path' }], responses: {} } },
      },
    }) as unknown as OpenAPIObject;

  it('adds what every operation can answer, and 4220/4010/4030 only where they apply', () => {
    const d = doc();
    completeErrorResponses(d);
    const codes = (path: string, m = 'get') => Object.keys((d.paths[path] as any)[m].responses).sort();
    expect(codes('/open')).toEqual(['200', '500', '503']);
    expect(codes('/query')).toEqual(['422', '500', '503']);
    expect(codes('/guarded', 'post')).toEqual(['401', '403', '422', '500', '503']);
    // A path parameter alone is validated by some controllers only: they say so themselves.
    expect(codes('/path-only')).toEqual(['500', '503']);
  });

  it("keeps the controller's own text for a status and adds the generic code to it", () => {
    const d = doc();
    completeErrorResponses(d);
    expect((d.paths['/guarded'] as any).post.responses['403'].description).toBe('4030: nobody reviews their own access');
    expect((d.paths['/guarded'] as any).post.responses['401'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ErrorBodyDto',
    });
  });
});
