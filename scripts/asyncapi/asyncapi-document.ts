import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  APP_NAMES,
  CALL_RECORDED_V1,
  defaultMessage,
  EOMS_REPLY_V1,
  EOMS_STAGE_REPLY_V1,
  ErrorCode,
  EVENT_MAC_HEADER,
  INBOX_SUBSCRIPTIONS,
  names,
  OPERATION_RECORDED_V1,
} from '@crm/contracts';
import { createRepoProgram, scanWireHandlers, type WireHandler } from './wire-scan.js';
import { WireSchemas, type JsonSchema } from './wire-schemas.js';

/** Where docs/asyncapi.json is generated from and written to. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  // Compiled into dist/scripts/asyncapi, dist has no package.json of its own: the first one up is the repository's.
  return dir;
}

export const ASYNCAPI_FILE = 'docs/asyncapi.json';
const DEFAULT_NS = 'crm';
const EOMS_QUEUE_DEFAULT = 'eoms.inbound';
const AMQP = '0.3.0';

/** Interfaces of `@crm/contracts` the document is built around, found by name in this file. */
const CONTRACT_TYPES: Record<string, string> = {
  EventPayloads: 'libs/contracts/src/event-payloads.ts',
  ErrBody: 'libs/contracts/src/envelope.ts',
  EomsStageReplyPayload: 'libs/contracts/src/eoms/eoms.contract.ts',
  EomsReplyPayload: 'libs/contracts/src/eoms/eoms.contract.ts',
};

function findInterface(program: ts.Program, root: string, name: string): ts.InterfaceDeclaration {
  const file = program.getSourceFile(join(root, CONTRACT_TYPES[name]!));
  const decl = file?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!decl) throw new Error(`interface ${name} not found in ${CONTRACT_TYPES[name]}`);
  return decl;
}

/** `sales.account.create.v1` → the app whose queue takes it (its first segment), for outbound targets. */
function ownerOf(pattern: string): string {
  return pattern.split('.')[0]!;
}

const ref = (path: string): JsonSchema => ({ $ref: path });

const ERROR_CODES = Object.values(ErrorCode).filter((v): v is ErrorCode => typeof v === 'number' && v !== ErrorCode.Ok);

/** Headers a generated client must set: AMQP message properties (not application headers), as RabbitMQ's RPC pattern uses them. */
const REQUEST_PROPERTIES: JsonSchema = {
  type: 'object',
  description:
    'AMQP basic properties of a call (set them as message properties, not in the `headers` table). ' +
    'Publish persistent (`delivery_mode` 2) through the default exchange with the routing key = the queue name.',
  properties: {
    reply_to: {
      type: 'string',
      description:
        'Where the reply goes: `amq.rabbitmq.reply-to` (direct reply-to) or a queue of your own. A queue of the installation ' +
        '(`<namespace>` or `<namespace>.*`) or the EOMS queue is refused with 4000. Omit it (and `id`) for a one-way call.',
    },
    correlation_id: { type: 'string', description: 'Copied onto the reply, so you can match it to the call.' },
    delivery_mode: { type: 'integer', const: 2, description: 'persistent' },
    expiration: {
      type: 'string',
      description: 'Optional per-message TTL in ms: a call nobody answered in time is dropped, not run later.',
    },
    user_id: {
      type: 'string',
      description: "Set by RabbitMQ to the publishing broker user; checked against the caller's source allow-list (4006).",
    },
    headers: {
      type: 'object',
      description: 'The application `headers` table: optional W3C trace context (docs/wire-contract.md, "Trace context").',
      properties: {
        traceparent: {
          type: 'string',
          examples: ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
          description:
            'The call and every leg it causes in the CRM continue this trace; missing or malformed, the call starts a new one (never an error).',
        },
        tracestate: { type: 'string', description: 'Vendor state that goes with `traceparent`, passed on unchanged.' },
      },
    },
  },
};

/** What an event carries beside its body: its seal and the trace of what caused it. */
const EVENT_PROPERTIES: JsonSchema = {
  type: 'object',
  description: 'The application `headers` table of an event.',
  properties: {
    [EVENT_MAC_HEADER]: {
      type: 'string',
      description:
        '`<keyId>.<base64url HMAC-SHA256>` over the body bytes as published, sealing the event (docs/wire-contract.md, "Sealed events"); ' +
        'consumers outside the CRM may ignore it. Events published before this header existed carry the seal as `data.mac` instead.',
    },
    traceparent: { type: 'string', description: 'W3C trace context of what caused the event, where there is one.' },
    tracestate: { type: 'string', description: 'Vendor state that goes with `traceparent`.' },
  },
};

const REPLY_PROPERTIES: JsonSchema = {
  type: 'object',
  description: 'AMQP basic properties of a reply.',
  properties: { correlation_id: { type: 'string', description: "The call's `correlation_id`." } },
};

/**
 * The AsyncAPI 3.0 description of the wire contract (docs/wire-contract.md): one channel per app
 * request queue with a request message per pattern (payload schema, permission, reply and error
 * reply), the reply channel (`reply_to` / `correlation_id`), one channel per event routing key on
 * `<namespace>.events`, and the outbound calls to EOMS. Built from the controllers and
 * `@crm/contracts`, so regenerating it is the only way to change it.
 */
export function buildAsyncApi(root = repoRoot()): Record<string, unknown> {
  const program = createRepoProgram(
    root,
    Object.values(CONTRACT_TYPES).filter((v, i, a) => a.indexOf(v) === i),
  );
  const handlers = scanWireHandlers(program, root);
  const schemas = new WireSchemas(program);

  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  const messages: Record<string, JsonSchema> = {};

  // The envelope parts, from the contract's own types.
  const errBody = schemas.document(findInterface(program, root, 'ErrBody'));
  const codes = schemas.components.ErrorCode;
  if (codes) {
    codes.description = ERROR_CODES.map((c) => `${c}: ${defaultMessage(c)}`).join('; ') + ' (0 is OK). See docs/wire-contract.md.';
  }
  schemas.components.ErrorReply = {
    type: 'object',
    required: ['err', 'isDisposed'],
    description: 'A failed call: `err.code` is one of the contract codes; 4220 lists every invalid field in `details`.',
    properties: { err: errBody, isDisposed: { const: true } },
  };
  messages['error.reply'] = {
    name: 'ErrorReply',
    title: 'Error reply',
    summary: 'The reply to a call that failed, whatever its pattern.',
    contentType: 'application/json',
    headers: REPLY_PROPERTIES,
    correlationId: ref('#/components/correlationIds/callCorrelation'),
    payload: ref('#/components/schemas/ErrorReply'),
  };

  const appChannelMessages = new Map<string, Record<string, JsonSchema>>();

  for (const h of handlers) requestMessage(h);

  function requestMessage(h: WireHandler): void {
    const payload = h.payload ? schemas.payload(h.payload) : null;
    const reply = schemas.document(h.reply);
    const needs = h.permission
      ? `Needs an employee access token in \`data.actor\` whose roles grant \`${h.permission}\` (else 4010 / 4030).`
      : 'Needs no employee token (one that is sent is still checked: 4010 when invalid).';
    const description = [h.doc, needs].filter(Boolean).join('\n\n');
    const data: JsonSchema = {
      allOf: [
        ref('#/components/schemas/CallCredentials'),
        {
          type: 'object',
          required: payload ? ['payload'] : [],
          properties: { payload: payload ?? { type: 'object', description: 'none needed (ignored)' } },
        },
      ],
    };
    messages[`${h.pattern}.request`] = {
      name: h.pattern,
      title: h.pattern,
      summary: h.doc?.split('\n')[0] ?? `Call ${h.pattern} on ${h.app}`,
      description,
      contentType: 'application/json',
      headers: REQUEST_PROPERTIES,
      correlationId: ref('#/components/correlationIds/callCorrelation'),
      payload: {
        type: 'object',
        required: ['pattern', 'data'],
        properties: {
          pattern: { const: h.pattern },
          id: ref('#/components/schemas/CallId'),
          data,
        },
      },
      'x-permission': h.permission,
    };
    messages[`${h.pattern}.reply`] = {
      name: `${h.pattern}.reply`,
      title: `${h.pattern} reply`,
      contentType: 'application/json',
      headers: REPLY_PROPERTIES,
      correlationId: ref('#/components/correlationIds/callCorrelation'),
      payload: {
        type: 'object',
        required: ['response', 'isDisposed'],
        properties: {
          response: {
            type: 'object',
            required: ['code', 'message', 'data'],
            properties: { code: { const: 0 }, message: { const: 'OK' }, data: reply },
          },
          isDisposed: { const: true },
        },
      },
    };
    // One reply channel per pattern (all are "the queue in reply_to"): it lists just that pattern's two
    // replies, so a client generator types each call's answer, and the document stays linear in size.
    const replies = `${h.pattern}.replies`;
    channels[replies] = {
      address: null,
      title: `Replies to ${h.pattern}`,
      description:
        "The queue the caller named in `reply_to` (`amq.rabbitmq.reply-to` or its own); the reply carries the call's `correlation_id` " +
        'and is sent once the outcome is final. The request is acked only after its call event is confirmed, so an answered call is ' +
        'always recorded; a call redelivered after a crash may be answered twice: drop a reply whose `correlation_id` you no longer wait for.',
      messages: {
        [`${h.pattern}.reply`]: ref(`#/components/messages/${h.pattern}.reply`),
        'error.reply': ref('#/components/messages/error.reply'),
      },
      bindings: { amqp: { is: 'queue', queue: { exclusive: true, durable: false, autoDelete: true }, bindingVersion: AMQP } },
    };
    const channelMessages = appChannelMessages.get(h.app) ?? {};
    channelMessages[`${h.pattern}.request`] = ref(`#/components/messages/${h.pattern}.request`);
    appChannelMessages.set(h.app, channelMessages);
    operations[h.pattern] = {
      action: 'receive',
      channel: ref(`#/channels/${h.app}`),
      title: h.pattern,
      summary: h.doc?.split('\n')[0] ?? `${h.pattern} (${h.app})`,
      description,
      messages: [ref(`#/channels/${h.app}/messages/${h.pattern}.request`)],
      reply: {
        address: ref('#/components/replyAddresses/replyTo'),
        channel: ref(`#/channels/${replies}`),
        messages: [ref(`#/channels/${replies}/messages/${h.pattern}.reply`), ref(`#/channels/${replies}/messages/error.reply`)],
      },
      bindings: { amqp: { deliveryMode: 2, bindingVersion: AMQP } },
      tags: [{ name: h.app }],
    };
  }

  for (const app of APP_NAMES) {
    channels[app] = {
      address: names.requestQueue('{namespace}', app),
      title: `${app} requests`,
      description:
        `The request queue of \`${app}\`: publish calls through the default exchange with routing key \`${names.requestQueue('<namespace>', app)}\`. ` +
        `Durable (quorum with AMQP_QUEUE_TYPE=quorum), dead-letters to \`<namespace>.dlx\` → \`${names.deadQueue('<namespace>', app)}\`. ` +
        'Do not declare it (or declare it passively): the apps declare it with arguments you must not change.',
      parameters: { namespace: ref('#/components/parameters/namespace') },
      messages: appChannelMessages.get(app) ?? {},
      bindings: {
        amqp: {
          is: 'queue',
          queue: { name: names.requestQueue(DEFAULT_NS, app), durable: true, exclusive: false, autoDelete: false, vhost: '/' },
          bindingVersion: AMQP,
        },
      },
    };
  }

  // Events: every pattern of EventPayloads, one channel per routing key on the events exchange.
  const eventPayloads = schemas.document(findInterface(program, root, 'EventPayloads'));
  const eventRoot = resolveRef(eventPayloads, schemas.components);
  const eventProps = (eventRoot.properties ?? {}) as Record<string, JsonSchema>;
  const subscribers = (pattern: string): string[] => [
    ...INBOX_SUBSCRIPTIONS.filter((s) => s.patterns.includes(pattern)).map((s) => names.inboxQueue('<namespace>', s.app, s.purpose)),
    ...(pattern === CALL_RECORDED_V1 ? [names.auditCallQueue('<namespace>')] : []),
    ...(pattern === OPERATION_RECORDED_V1 ? [names.auditOperationQueue('<namespace>')] : []),
  ];
  for (const pattern of Object.keys(eventProps).sort()) {
    const id = `${pattern}.event`;
    const publisher = pattern === CALL_RECORDED_V1 || pattern === OPERATION_RECORDED_V1 ? 'every app' : `\`${ownerOf(pattern)}\``;
    const consumedBy = subscribers(pattern);
    messages[id] = {
      name: pattern,
      title: pattern,
      summary: `Event ${pattern}, published by ${publisher}.`,
      contentType: 'application/json',
      headers: EVENT_PROPERTIES,
      payload: {
        type: 'object',
        required: ['pattern', 'data'],
        properties: {
          pattern: { const: pattern },
          data: { allOf: [ref('#/components/schemas/EventMeta'), eventProps[pattern]!] },
        },
      },
    };
    channels[pattern] = {
      address: pattern,
      title: pattern,
      description:
        `Routing key \`${pattern}\` on the topic exchange \`<namespace>.events\`. Bind a queue of your own to receive it.` +
        (consumedBy.length ? ` Consumed inside the CRM by ${consumedBy.map((q) => `\`${q}\``).join(', ')}.` : ''),
      messages: { [id]: ref(`#/components/messages/${id}`) },
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: names.eventsExchange(DEFAULT_NS), type: 'topic', durable: true, autoDelete: false, vhost: '/' },
          bindingVersion: AMQP,
        },
      },
    };
    operations[`publish.${pattern}`] = {
      action: 'send',
      channel: ref(`#/channels/${pattern}`),
      summary: `Published by ${publisher}.`,
      messages: [ref(`#/channels/${pattern}/messages/${id}`)],
      bindings: { amqp: { deliveryMode: 2, bindingVersion: AMQP } },
      tags: [{ name: 'events' }],
    };
  }

  // Outbound calls: the CRM calls EOMS's interface with the same envelope and its own credentials for EOMS.
  const outbound: Array<[string, string, string]> = [
    [EOMS_STAGE_REPLY_V1, 'EomsStageReplyPayload', 'Stage reply (阶段回复) of a work order'],
    [EOMS_REPLY_V1, 'EomsReplyPayload', 'Final reply (回单) of a work order'],
  ];
  const eomsMessages: Record<string, JsonSchema> = {};
  for (const [pattern, type, summary] of outbound) {
    const payload = schemas.document(findInterface(program, root, type));
    messages[`${pattern}.request`] = {
      name: pattern,
      title: pattern,
      summary,
      description:
        "Sent by `service` from its outbox until EOMS answers; the `requestId` is stable across retries, so EOMS can drop a repeat. EOMS answers with the contract's reply envelope.",
      contentType: 'application/json',
      headers: REQUEST_PROPERTIES,
      correlationId: ref('#/components/correlationIds/callCorrelation'),
      payload: {
        type: 'object',
        required: ['pattern', 'id', 'data'],
        properties: {
          pattern: { const: pattern },
          id: ref('#/components/schemas/CallId'),
          data: {
            allOf: [ref('#/components/schemas/CallCredentials'), { type: 'object', required: ['payload'], properties: { payload } }],
          },
        },
      },
    };
    eomsMessages[`${pattern}.request`] = ref(`#/components/messages/${pattern}.request`);
    operations[pattern] = {
      action: 'send',
      channel: ref('#/channels/eoms'),
      title: pattern,
      summary,
      messages: [ref(`#/channels/eoms/messages/${pattern}.request`)],
      bindings: { amqp: { deliveryMode: 2, bindingVersion: AMQP } },
      tags: [{ name: 'eoms' }],
    };
  }
  channels.eoms = {
    address: EOMS_QUEUE_DEFAULT,
    title: 'EOMS inbound queue',
    description: "EOMS's own request queue (`EOMS_QUEUE`, default `eoms.inbound`): the CRM's stage and final replies of work orders.",
    messages: eomsMessages,
    bindings: {
      amqp: {
        is: 'queue',
        queue: { name: EOMS_QUEUE_DEFAULT, durable: true, exclusive: false, autoDelete: false, vhost: '/' },
        bindingVersion: AMQP,
      },
    },
  };

  schemas.components.CallId = {
    type: 'string',
    minLength: 1,
    description: 'Unique per call (NestJS record id). Without it the call is one-way: no reply, still checked and logged.',
  };
  schemas.components.CallCredentials = {
    type: 'object',
    // The guard answers 4001 when either is missing.
    required: ['caller', 'password'],
    description:
      "`data` of a call: the caller's interface credentials (checked before anything else, never logged or stored), your request id and " +
      'optionally the employee you act for.',
    properties: {
      caller: { type: 'string', description: "The calling system's caller name (e.g. `EOMS`)." },
      password: { type: 'string', description: "The caller's password." },
      requestId: {
        type: 'string',
        description: 'Yours: the key of the call in the call log, and of safe retries (else the record `id` is used).',
      },
      actor: { type: 'string', description: 'An employee access token (`POST /auth/login` on auth) when acting for an employee.' },
    },
  };
  schemas.components.EventMeta = {
    type: 'object',
    required: ['eventId', 'occurredAt'],
    description: 'Fields every event carries besides its business fields. Events never carry credentials; ignore fields you do not know.',
    properties: {
      eventId: { type: 'string', description: 'Unique per event: drop repeats by it (delivery is at least once).' },
      occurredAt: { type: 'string', format: 'date-time' },
      caller: { type: ['string', 'null'], description: 'The system caller that caused it, where there is one.' },
      employeeId: { type: ['string', 'null'], description: 'The acting employee, where there is one.' },
    },
  };

  const doc = {
    asyncapi: '3.0.0',
    id: 'urn:crm-platform:wire-contract',
    info: {
      title: 'CRM platform wire contract (RabbitMQ)',
      version: '1',
      description:
        'Calls to the CRM apps, their replies, the events they publish and their calls to EOMS. Every name is prefixed by the ' +
        "installation's namespace (`CRM_NAMESPACE`, default `crm`): channel addresses carry it as the `namespace` parameter, " +
        'AMQP bindings show the default. A call is a NestJS RMQ record `{pattern, id, data: {caller, password, requestId?, actor?, payload}}`; ' +
        'the reply `{response: {code: 0, message, data}}` or `{err: {code, message, details?}}` goes to `reply_to` with the same ' +
        '`correlation_id`. Codes, limits and delivery guarantees: docs/wire-contract.md. Generated by `npm run asyncapi`; do not edit.',
    },
    defaultContentType: 'application/json',
    servers: {
      broker: {
        host: '127.0.0.1:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'RabbitMQ (`AMQP_URL`). Each partner gets its own broker user (`npm run -s cli -- broker partner <name>`).',
        security: [ref('#/components/securitySchemes/brokerUser')],
      },
    },
    channels,
    operations,
    components: {
      schemas: {} as Record<string, JsonSchema>,
      messages: sortKeys(messages),
      parameters: {
        namespace: {
          default: DEFAULT_NS,
          description: "The installation's namespace (`CRM_NAMESPACE`), so several installations share one broker.",
        },
      },
      correlationIds: {
        callCorrelation: {
          description: 'The AMQP `correlation_id` property, copied from the call onto its reply.',
          location: '$message.header#/correlation_id',
        },
      },
      replyAddresses: {
        replyTo: { description: 'The AMQP `reply_to` property of the call.', location: '$message.header#/reply_to' },
      },
      securitySchemes: {
        brokerUser: {
          type: 'userPassword',
          description: 'A RabbitMQ user; the call credentials themselves travel in `data` (CallCredentials).',
        },
      },
    },
  };
  doc.components.schemas = reachableSchemas({ channels, operations, messages }, schemas.components);
  return doc;
}

/** Only the schemas something refers to (the per-feature event maps `EventPayloads` extends are not). */
function reachableSchemas(from: unknown, all: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const seen = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string' && x.startsWith('#/components/schemas/')) {
          const key = x.slice('#/components/schemas/'.length);
          if (!seen.has(key)) {
            seen.add(key);
            walk(all[key]);
          }
        } else walk(x);
      }
  };
  walk(from);
  return sortKeys(Object.fromEntries([...seen].map((k) => [k, all[k]!])));
}

function resolveRef(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const r = schema.$ref;
  if (typeof r !== 'string') return schema;
  const target = components[r.replace('#/components/schemas/', '')];
  if (!target) throw new Error(`unresolved ${r}`);
  return resolveRef(target, components);
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** The committed text: two-space JSON and a final newline, so a regeneration without changes is byte-identical. */
export function serialiseAsyncApi(doc: Record<string, unknown>): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
