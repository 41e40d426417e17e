import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { APP_NAMES, CALL_RECORDED_V1, WORKORDER_DISPATCH_V1 } from '@crm/contracts';
import { ASYNCAPI_FILE, buildAsyncApi, repoRoot, serialiseAsyncApi } from '../../scripts/asyncapi/asyncapi-document.js';

/**
 * Issue 14: docs/asyncapi.json is generated from the controllers and @crm/contracts
 * (`npm run asyncapi`). CI regenerates it here and fails when the committed file is stale, and the
 * official AsyncAPI parser must accept it without a single error.
 */

// Type-checking the repository and the parser's full validation take a while on a small machine.
jest.setTimeout(600_000);

let generated: string;
let doc: any;

beforeAll(() => {
  generated = serialiseAsyncApi(buildAsyncApi());
  doc = JSON.parse(generated);
});

describe('docs/asyncapi.json', () => {
  it('is what `npm run asyncapi` generates from the current sources (commit the regenerated file)', async () => {
    const committed = await readFile(join(repoRoot(), ASYNCAPI_FILE), 'utf8');
    // Not toEqual on 2 MB of text: a short message saying what to do.
    expect({ stale: committed !== generated }).toEqual({ stale: false });
  });

  it('passes the official AsyncAPI parser with no error', async () => {
    const { document, diagnostics } = await new Parser().parse(generated);
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toBe('3.0.0');
  });

  it('has a request queue per app, with its namespace, and every request pattern of the apps', () => {
    for (const app of APP_NAMES) {
      expect(doc.channels[app].address).toBe(`{namespace}.${app}`);
      expect(doc.channels[app].bindings.amqp).toMatchObject({ is: 'queue', queue: { name: `crm.${app}`, durable: true } });
      expect(doc.operations[`${app}.system.ping.v1`]).toMatchObject({ action: 'receive', channel: { $ref: `#/channels/${app}` } });
    }
    const requests = Object.values<any>(doc.operations).filter((o) => o.action === 'receive');
    expect(requests.length).toBeGreaterThan(150);
  });

  it('describes a call as a partner sends it: envelope, credentials, payload schema, reply_to and correlation_id', () => {
    const message = doc.components.messages[`${WORKORDER_DISPATCH_V1}.request`];
    expect(message.correlationId).toEqual({ $ref: '#/components/correlationIds/callCorrelation' });
    expect(doc.components.correlationIds.callCorrelation.location).toBe('$message.header#/correlation_id');
    expect(message.payload.properties.pattern).toEqual({ const: WORKORDER_DISPATCH_V1 });
    const [credentials, body] = message.payload.properties.data.allOf;
    expect(credentials).toEqual({ $ref: '#/components/schemas/CallCredentials' });
    expect(doc.components.schemas.CallCredentials.required).toEqual(['caller', 'password']);
    expect(body.properties.payload).toEqual({ $ref: '#/components/schemas/DispatchWorkorderDto' });
    const dto = doc.components.schemas.DispatchWorkorderDto;
    expect(dto.required).toEqual(expect.arrayContaining(['orderNo', 'type', 'priority', 'customer', 'deadline', 'dispatchedAt']));
    expect(dto.additionalProperties).toBe(false); // the validation pipe refuses unknown fields (4220)
    expect(dto.properties.orderNo).toMatchObject({ type: 'string', maxLength: 64 }); // from @MaxLength
    const op = doc.operations[WORKORDER_DISPATCH_V1];
    expect(op.reply.address).toEqual({ $ref: '#/components/replyAddresses/replyTo' });
    expect(doc.components.replyAddresses.replyTo.location).toBe('$message.header#/reply_to');
    expect(op.reply.messages.map((m: any) => m.$ref.split('/').pop())).toEqual([`${WORKORDER_DISPATCH_V1}.reply`, 'error.reply']);
    const reply = doc.components.messages[`${WORKORDER_DISPATCH_V1}.reply`].payload.properties.response.properties.data;
    expect(reply).toEqual({ $ref: '#/components/schemas/WorkorderStatusReply' });
    expect(doc.components.schemas.ErrorCode.enum).toEqual(
      expect.arrayContaining([4000, 4001, 4002, 4010, 4030, 4040, 4090, 4220, 5000, 5030]),
    );
  });

  it('names the permission of a pattern that needs one', () => {
    expect(doc.operations['sales.account.create.v1'].description).toContain('`account.write`');
    expect(doc.components.messages['sales.account.create.v1.request']['x-permission']).toBe('account.write');
  });

  it('has a channel per event routing key on the namespace topic exchange', () => {
    const channel = doc.channels[CALL_RECORDED_V1];
    expect(channel.address).toBe(CALL_RECORDED_V1);
    expect(channel.bindings.amqp).toMatchObject({ is: 'routingKey', exchange: { name: 'crm.events', type: 'topic', durable: true } });
    expect(doc.operations[`publish.${CALL_RECORDED_V1}`].action).toBe('send');
    const event = doc.components.messages[`${CALL_RECORDED_V1}.event`].payload.properties.data.allOf;
    expect(event).toEqual([{ $ref: '#/components/schemas/EventMeta' }, { $ref: '#/components/schemas/CallEvent' }]);
    expect(Object.values<any>(doc.operations).filter((o) => o.tags?.[0]?.name === 'events').length).toBeGreaterThan(80);
  });
});
