import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyDecorators, Logger, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import {
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
  type ApiPropertyOptions,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { defaultMessage, ErrorCode, type AppName, type ErrBody, type FieldError } from '@crm/contracts';
import { RequirePermissions } from '@crm/security';
import { httpStatusOf } from './crm-exception.filter.js';

const CODES = Object.values(ErrorCode).filter((v): v is ErrorCode => typeof v === 'number' && v !== ErrorCode.Ok);

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'requestId' })
  field: string;

  @ApiProperty({ type: [String], example: ['property requestid should not exist'] })
  reasons: string[];
}

/** What CrmExceptionFilter answers for every failure: the wire contract's error body (SPEC §2.2), with a matching HTTP status. */
export class ErrorBodyDto implements ErrBody {
  @ApiProperty({ enum: CODES, description: CODES.map((c) => `${c}: ${defaultMessage(c)}`).join('; ') })
  code: ErrorCode;

  @ApiProperty({ example: 'payload failed validation' })
  message: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: '4220: every invalid field and why' })
  details?: FieldErrorDto[];
}

/** An error an operation can answer: the code, or the code with what it means there. */
export type ApiError = ErrorCode | [ErrorCode, string];

/**
 * Documents the error responses of an operation: the codes grouped under the HTTP status
 * CrmExceptionFilter gives them (`httpStatusOf`), each with the error body's schema. The ones every
 * operation can answer (5000; 4220 with a body or query; 4010/4030 behind the operator guard) are added by
 * `setupApiDocs`, so list only what is particular to the operation.
 */
export function ApiErrors(...errors: ApiError[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, string[]>();
  for (const e of errors) {
    const [code, meaning] = Array.isArray(e) ? e : [e, defaultMessage(e)];
    const status = httpStatusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), `${code}: ${meaning}`]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, lines]) => ApiResponse({ status, description: lines.join('; '), type: ErrorBodyDto })),
  );
}

/** `{items, nextCursor}` of a keyset list (`ListPage<Item>`), as a schema named `<Item>Page`. */
export function ApiPage<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  class Page {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last one' })
    nextCursor: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Dto$|Response$/, '')}Page` });
  return Page;
}

/** `{items}` of a complete (unpaged) list, as a schema named `<Item>List`. */
export function ApiItems<T>(item: Type<T>): Type<{ items: T[] }> {
  class Items {
    @ApiProperty({ type: [item] })
    items: T[];
  }
  Object.defineProperty(Items, 'name', { value: `${item.name.replace(/Dto$|Response$/, '')}List` });
  return Items;
}

export interface ApiDocsOptions {
  /** What this app's HTTP API is for; the document adds where the wire contract is described. */
  description?: string;
  /** Routes that are not an API (the audit console's files). */
  excludePaths?: RegExp[];
}

/** docs/asyncapi.json, from libs/runtime/src in the sources and dist/libs/runtime/src in a build (scripts/build.sh copies docs/asyncapi.json). */
export const ASYNCAPI_DOCUMENT = fileURLToPath(new URL('../../../docs/asyncapi.json', import.meta.url));

const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorBodyDto' };

function addError(op: Record<string, any>, status: number, code: ErrorCode): void {
  op.responses ??= {};
  const line = `${code}: ${defaultMessage(code)}`;
  const existing = op.responses[status];
  // A status the controller documented keeps its own texts; the generic code is added unless it already names it.
  if (existing) {
    if (!String(existing.description ?? '').includes(String(code))) existing.description = `${existing.description}; ${line}`;
    return;
  }
  op.responses[status] = { description: line, content: { 'application/json': { schema: ERROR_SCHEMA } } };
}

/**
 * The errors any operation can answer, added to what its controller documented: 5000 and 5030
 * always, 4220 when it takes a body or a query (the validation pipe), 4010 when it needs a bearer
 * token (OperatorAuthGuard) and 4030 when it needs a permission (PermissionGuard; see
 * `describePermissions`, which must run first).
 */
export function completeErrorResponses(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = (item as Record<string, any>)[method];
      if (!op) continue;
      // Path parameters are checked by some controllers only: those document their own 4220.
      if (op.requestBody || op.parameters?.some((p: { in?: string }) => p.in === 'query')) addError(op, 422, ErrorCode.ValidationFailed);
      if (op.security?.length) addError(op, 401, ErrorCode.ActorInvalid);
      if (op['x-permissions']) addError(op, 403, ErrorCode.Forbidden);
      addError(op, 500, ErrorCode.Internal);
      addError(op, 503, ErrorCode.Unavailable);
    }
  }
}

/** @nestjs/swagger's metadata key of a documented property's options; the package does not export its constants. */
const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

const SCHEMA_OPTIONS = [
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'description',
] as const;

function controllerTypes(app: INestApplication): Type<unknown>[] {
  const types: Type<unknown>[] = [];
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) if (wrapper.metatype?.prototype) types.push(wrapper.metatype as Type<unknown>);
  return types;
}

/**
 * Documents the body and query DTOs of the HTTP routes from their class-validator decorators
 * (class-validator-jsonschema), merged under what an `@ApiProperty` says explicitly: a query
 * DTO's filters (e.g. GET /audit/calls) then appear as parameters with their types, enums, bounds
 * and required flags, taken from the very rules the validation pipe enforces.
 */
export function documentValidatedInputs(app: INestApplication): void {
  const done = new Set<unknown>();
  for (const type of controllerTypes(app)) {
    const proto = type.prototype as Record<string, unknown>;
    for (const method of Object.getOwnPropertyNames(proto)) {
      const handler = proto[method];
      if (method === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
        continue;
      const params = (Reflect.getMetadata('design:paramtypes', proto, method) ?? []) as unknown[];
      for (const param of params) {
        if (typeof param !== 'function' || done.has(param) || [String, Number, Boolean, Object, Array].includes(param as never)) continue;
        done.add(param);
        documentClass(param as Type<unknown>);
      }
    }
  }
}

function documentClass(type: Type<unknown>): void {
  const schema = targetConstructorToSchema(type) as { properties?: Record<string, Record<string, any>>; required?: string[] };
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.$ref) continue;
    const options: ApiPropertyOptions & Record<string, unknown> = { required: schema.required?.includes(name) ?? false };
    const enumValues = property.enum ?? property.items?.enum;
    if (property.type === 'array') {
      options.isArray = true;
      options.type = property.items?.type === 'integer' ? Number : property.items?.type === 'boolean' ? Boolean : String;
    } else if (property.type) {
      options.type = property.type === 'integer' ? 'integer' : property.type;
    } else if (!enumValues) {
      options.type = String;
    }
    if (enumValues) options.enum = enumValues as unknown[];
    for (const k of SCHEMA_OPTIONS) if (property[k] !== undefined) options[k] = property[k];
    // What an explicit @ApiProperty says (a description, an example) wins, but whether the field is
    // required is what the validators enforce; they fill in the rest.
    const explicit = Reflect.getMetadata(SWAGGER_PROPERTY, type.prototype as object, name) as Record<string, unknown> | undefined;
    const merged = { ...options, ...explicit, required: options.required };
    // An explicit decorator without a type carries the design type (Number); @IsInt knows better.
    if (options.type === 'integer') merged.type = 'integer';
    ApiProperty(merged)(type.prototype as object, name);
  }
}

/**
 * Appends to each operation the permissions its handler declares with `@RequirePermissions`, read
 * from the handlers themselves so the document cannot name another permission than the guard checks.
 * Operations are matched by swagger's default operation id, `<Controller>_<method>`.
 */
export function describePermissions(app: INestApplication, document: OpenAPIObject): void {
  const reflector = new Reflector();
  const needs = new Map<string, string[]>();
  for (const type of controllerTypes(app)) {
    const proto = type.prototype as Record<string, unknown>;
    for (const method of Object.getOwnPropertyNames(proto)) {
      const handler = proto[method];
      if (method === 'constructor' || typeof handler !== 'function') continue;
      const permissions = reflector.getAllAndOverride(RequirePermissions, [handler, type]);
      if (permissions?.length) needs.set(`${type.name}_${method}`, permissions);
    }
  }
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item as Record<string, any>)) {
      const permissions = typeof op === 'object' && op?.operationId ? needs.get(op.operationId as string) : undefined;
      if (!permissions) continue;
      const line = `Needs the permission ${permissions.map((p) => `\`${p}\``).join(' and ')}.`;
      op.description = [op.description, line].filter(Boolean).join('\n\n');
      op['x-permissions'] = permissions;
    }
  }
}

/**
 * The API descriptions every app serves (issue 14): OpenAPI at `/docs` (Swagger UI) and
 * `/docs-json`, the wire contract's AsyncAPI document at `/asyncapi.json`. One builder for all
 * apps, so their documents look alike and list their errors the same way.
 */
export function setupApiDocs(app: INestApplication, name: AppName, options: ApiDocsOptions = {}): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`CRM ${name}`)
    .setDescription(
      [
        options.description,
        'Errors answer `{code, message, details?}` with the numeric codes of the wire contract (docs/wire-contract.md) and a matching HTTP status.',
        'The RabbitMQ interface (every request pattern, reply and event) is described by the AsyncAPI document at `/asyncapi.json`.',
      ]
        .filter(Boolean)
        .join('\n\n'),
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  documentValidatedInputs(app);
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBodyDto] });
  for (const path of Object.keys(document.paths)) if (options.excludePaths?.some((re) => re.test(path))) delete document.paths[path];
  document.paths['/asyncapi.json'] = {
    get: {
      operationId: 'asyncapi',
      summary: 'The AsyncAPI 3.0 document of the RabbitMQ wire contract (every request pattern, reply, error code and event)',
      tags: ['api descriptions'],
      responses: { '200': { description: 'AsyncAPI 3.0 (JSON)', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  describePermissions(app, document);
  completeErrorResponses(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  // Read once; a build without the file still starts (the API works), and says what is missing.
  const asyncapi = existsSync(ASYNCAPI_DOCUMENT) ? readFileSync(ASYNCAPI_DOCUMENT) : null;
  if (!asyncapi) new Logger('ApiDocs').warn({ msg: 'asyncapi document missing: /asyncapi.json answers 4040', file: ASYNCAPI_DOCUMENT });
  app
    .getHttpAdapter()
    .get('/asyncapi.json', (_req: unknown, res: { status(n: number): { type(t: string): { send(b: unknown): void } } }) => {
      if (asyncapi) res.status(200).type('application/json').send(asyncapi);
      else
        res
          .status(404)
          .type('application/json')
          .send(JSON.stringify({ code: ErrorCode.NotFound, message: 'asyncapi document missing' }));
    });
  return document;
}
