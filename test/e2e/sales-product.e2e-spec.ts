import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { advertisingProductPayload, partnerAdEntry } from '../../apps/sales/src/testing.js';
import { RawClient } from '../support/raw-client.js';
import { Stack, waitFor } from '../support/stack.js';

jest.setTimeout(180_000);

/**
 * The catalogue over the wire as a front end calls it (system caller + employee token, raw amqplib):
 * an administrator defines the advertising product and a partner price book; `configure` prices a
 * configuration with exact figures, refuses broken `requires`/`excludes` configurations naming the
 * rules; a sales rep reads the catalogue but may not change it.
 */
type Employee = { employeeId: string; token: string };
let stack: Stack;
let client: RawClient;
let frontendPassword: string;
let admin: Employee, rep: Employee;
let product: any;
let book: any;
let amqp: ChannelModel;
let ch: Channel;
const events: Array<{ key: string; data: any }> = [];

type Reply = { code: number; data?: any; details?: Array<{ field: string; reasons: string[] }> };

async function call(pattern: string, payload: unknown, who: Employee): Promise<Reply> {
  const reply = await client.call(stack.queue('sales'), pattern, {
    caller: 'FRONTEND',
    password: frontendPassword,
    requestId: `rq-${randomUUID()}`,
    payload,
    actor: who.token,
  });
  return reply.response
    ? { code: reply.response.code, data: reply.response.data }
    : { code: reply.err!.code, details: (reply.err as { details?: Reply['details'] }).details };
}

const primeVideo = { slot: 'prime', region: 'national', format: 'video', duration: 30, impressions: 2_000_000 };
const AT = '2027-02-01T00:00:00Z';

beforeAll(async () => {
  stack = await Stack.start({ apps: ['auth', 'sales'] });
  client = await RawClient.connect();
  amqp = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
  ch = await amqp.createChannel();
  const q = await ch.assertQueue('', { exclusive: true });
  for (const key of ['sales.product.#', 'sales.price-book.#']) await ch.bindQueue(q.queue, `${stack.ns}.events`, key);
  await ch.consume(q.queue, (m) => m && events.push({ key: m.fields.routingKey, data: JSON.parse(m.content.toString()).data }), {
    noAck: true,
  });
  frontendPassword = await stack.createCaller('FRONTEND', ['sales.product.*', 'sales.price-book.*']);
  [admin, rep] = await Promise.all([stack.employee(['administrator']), stack.employee(['sales'])]);
  const created = await call('sales.product.create.v1', advertisingProductPayload(`AD-E2E-${Date.now()}`), admin);
  expect(created.code).toBe(0);
  product = created.data;
  const booked = await call(
    'sales.price-book.create.v1',
    {
      name: 'Partners 2027',
      channel: 'partner',
      validFrom: '2027-01-01T00:00:00Z',
      validTo: '2028-01-01T00:00:00Z',
      entries: [partnerAdEntry(product.productId)],
    },
    admin,
  );
  expect(booked.code).toBe(0);
  book = booked.data;
});

afterAll(async () => {
  await ch?.close().catch(() => undefined);
  await amqp?.close().catch(() => undefined);
  await client?.close();
  await stack?.stop();
}, 60_000);

describe('sales products', () => {
  it('an administrator creates the ad product and a partner price book; both read back, list and record their events', async () => {
    expect(product).toMatchObject({ kind: 'configurable', unit: 'campaign', taxRate: '0.06', currency: 'CNY', active: true, version: 1 });
    expect(book).toMatchObject({ channel: 'partner', segment: null, entries: [{ productId: product.productId, basePrice: '25.00' }] });
    expect((await call('sales.product.get.v1', { productId: product.productId }, rep)).data).toEqual(product);
    const listed = await call('sales.product.list.v1', { family: 'advertising', kind: 'configurable', q: product.sku }, rep);
    expect(listed.data.items.map((p: { productId: string }) => p.productId)).toEqual([product.productId]);
    expect((await call('sales.price-book.get.v1', { priceBookId: book.priceBookId }, rep)).data).toEqual(book);
    // each change published its event through the outbox, carrying the whole view
    const published = await waitFor(async () => {
      const product_ = events.find((e) => e.key === 'sales.product.created.v1' && e.data.productId === product.productId);
      const book_ = events.find((e) => e.key === 'sales.price-book.created.v1' && e.data.priceBookId === book.priceBookId);
      return product_ && book_ && { product_, book_ };
    });
    expect(published.product_.data).toMatchObject({ sku: product.sku, version: 1, employeeId: admin.employeeId });
    expect(published.book_.data).toMatchObject({ channel: 'partner', entries: book.entries });
  });

  it('configure prices a valid configuration with the catalogue and with the partner book (exact figures)', async () => {
    const list = await call(
      'sales.product.configure.v1',
      { productId: product.productId, quantity: 1, configuration: primeVideo, at: AT },
      rep,
    );
    expect(list.code).toBe(0);
    // (30 + 15 prime + 6 national + 12 video) × 2000000 / 1000 = 126000; tier [1000000, 5000000) −10 % → 113400
    expect(list.data).toMatchObject({
      listTotal: '113400.00',
      lines: [
        {
          unitPrice: '113400.00',
          unitPriceExact: '113400.000000',
          listAmount: '113400.00',
          taxRate: '0.06',
          priceBookId: null,
          bundleOf: null,
        },
      ],
    });
    const partner = await call(
      'sales.product.configure.v1',
      { productId: product.productId, quantity: 2, configuration: primeVideo, channel: 'partner', at: AT },
      rep,
    );
    // (25 + 12.50 + 5 + 10 video by the book) × 2000 = 105000 − 10 % = 94500; × 2 = 189000
    expect(partner.data).toMatchObject({
      listTotal: '189000.00',
      lines: [{ unitPriceExact: '94500.000000', listAmount: '189000.00', priceBookId: book.priceBookId }],
    });
    // outside the book's [validFrom, validTo) the partner pays list price
    const later = await call(
      'sales.product.configure.v1',
      { productId: product.productId, quantity: 1, configuration: primeVideo, channel: 'partner', at: '2028-01-01T00:00:00Z' },
      rep,
    );
    expect(later.data.lines[0]).toMatchObject({ unitPriceExact: '113400.000000', priceBookId: null });
  });

  it('a broken requires and a broken excludes are 4220 naming every rule', async () => {
    const requires = await call(
      'sales.product.configure.v1',
      {
        productId: product.productId,
        quantity: 1,
        configuration: { slot: 'prime', region: 'national', format: 'video', impressions: 50_000 },
      },
      rep,
    );
    expect(requires.code).toBe(4220);
    expect(requires.details).toEqual([
      {
        field: 'configuration.duration',
        reasons: ['VIDEO_NEEDS_DURATION: a video ad needs a duration', 'VIDEO_DURATION_15_60: a video ad runs 15 to 60 seconds'],
      },
      { field: 'configuration.impressions', reasons: ['PRIME_MIN_IMPRESSIONS: prime time is sold from 100000 impressions'] },
    ]);
    const excludes = await call(
      'sales.product.configure.v1',
      {
        productId: product.productId,
        quantity: 1,
        configuration: { slot: 'day', region: '440300', format: 'banner', duration: 15, impressions: 20_000 },
      },
      rep,
    );
    expect(excludes.code).toBe(4220);
    expect(excludes.details).toEqual([{ field: 'configuration.duration', reasons: ['BANNER_HAS_NO_DURATION: a banner has no duration'] }]);
  });

  it('refuses a bad definition with paths, an overlapping book, a stale version', async () => {
    const bad = advertisingProductPayload(`AD-BAD-${Date.now()}`);
    bad.rules![0]!.when = { key: 'colour', equals: 'red' };
    bad.pricing!.tiers!.tiers[1]!.from = 500_000;
    const refused = await call('sales.product.create.v1', bad, admin);
    expect(refused.code).toBe(4220);
    expect(refused.details!.map((d) => d.field)).toEqual(['rules[0].when.key', 'pricing.tiers.tiers[1]']);
    const overlap = await call(
      'sales.price-book.create.v1',
      { name: 'Partners H2', channel: 'partner', validFrom: '2027-07-01T00:00:00Z' },
      admin,
    );
    expect(overlap.code).toBe(4090);
    const updated = await call('sales.product.update.v1', { productId: product.productId, version: 1, description: 'CPM ad' }, admin);
    expect(updated.data).toMatchObject({ version: 2, description: 'CPM ad' });
    expect((await call('sales.product.update.v1', { productId: product.productId, version: 1, description: 'again' }, admin)).code).toBe(
      4090,
    );
  });

  it('a sales rep reads the catalogue but may not create or change it (4030)', async () => {
    expect((await call('sales.product.create.v1', advertisingProductPayload(`AD-REP-${Date.now()}`), rep)).code).toBe(4030);
    expect((await call('sales.price-book.update.v1', { priceBookId: book.priceBookId, version: 1, name: 'mine' }, rep)).code).toBe(4030);
    expect((await call('sales.price-book.list.v1', { channel: 'partner' }, rep)).code).toBe(0);
  });
});
