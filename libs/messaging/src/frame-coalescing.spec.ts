import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { coalesceFrameWrites } from './frame-coalescing.js';

// amqplib's own muxer (not among its exports, so by path), so an amqplib release that changes it fails here rather than in production.
const require = createRequire(import.meta.url);
const { Mux } = require(join(dirname(require.resolve('amqplib')), 'lib/mux.js')) as {
  Mux: new (out: Writable) => { pipeFrom(s: PassThrough): void };
};

/** A socket as net.Socket behaves on loopback: each write completes synchronously (one syscall each). */
function socket(highWaterMark = 16_384) {
  const calls: number[] = []; // frames per write(2): 1 for a write, n for a writev
  const bytes: Buffer[] = [];
  const out = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, cb) {
      calls.push(1);
      bytes.push(chunk);
      cb();
    },
    writev(chunks, cb) {
      calls.push(chunks.length);
      for (const c of chunks) bytes.push(c.chunk as Buffer);
      cb();
    },
  });
  return { out, calls, bytes };
}

/** A connection as amqplib builds it: channels' object-mode buffers piped into one muxer over the socket. */
function connection(out: Writable, channels: number) {
  const muxer = new Mux(out);
  const buffers = Array.from({ length: channels }, () => new PassThrough({ objectMode: true, highWaterMark: 1024 }));
  for (const b of buffers) muxer.pipeFrom(b);
  return { model: { connection: { stream: out, muxer } }, buffers };
}

const frame = (channel: number, i: number) => Buffer.from(`c${channel}f${i};`);
const settle = () => new Promise((r) => setImmediate(() => setImmediate(r)));

describe('coalesceFrameWrites', () => {
  it('without it, amqplib writes each frame on its own', async () => {
    const s = socket();
    const { buffers } = connection(s.out, 3);
    buffers.forEach((b, c) => [0, 1, 2, 3, 4].forEach((i) => b.write(frame(c, i))));
    await settle();
    expect(s.calls).toEqual(Array(15).fill(1));
  });

  it('sends the frames of one event-loop turn in one writev, each channel in its order', async () => {
    const s = socket();
    const { model, buffers } = connection(s.out, 3);
    expect(coalesceFrameWrites(model)).toBe(true);
    buffers.forEach((b, c) => [0, 1, 2, 3, 4].forEach((i) => b.write(frame(c, i))));
    await settle();
    expect(s.calls).toEqual([15]);
    const sent = Buffer.concat(s.bytes).toString();
    for (let c = 0; c < 3; c++) expect(sent.match(new RegExp(`c${c}f\\d`, 'g'))).toEqual([0, 1, 2, 3, 4].map((i) => `c${c}f${i}`));
  });

  it('a pass that fills the socket buffer resumes on drain and loses nothing', async () => {
    const s = socket(16); // a few frames fill it
    const { model, buffers } = connection(s.out, 2);
    coalesceFrameWrites(model);
    buffers.forEach((b, c) => Array.from({ length: 20 }, (_, i) => b.write(frame(c, i))));
    for (let k = 0; k < 20; k++) await settle();
    expect(s.calls.length).toBeGreaterThan(1);
    expect(s.calls.reduce((a, b) => a + b, 0)).toBe(40);
    const sent = Buffer.concat(s.bytes).toString();
    for (let c = 0; c < 2; c++)
      expect(sent.match(new RegExp(`c${c}f\\d+`, 'g'))).toEqual(Array.from({ length: 20 }, (_, i) => `c${c}f${i}`));
  });

  it('is applied once per connection, and refuses internals it does not know', async () => {
    const s = socket();
    const { model, buffers } = connection(s.out, 1);
    expect(coalesceFrameWrites(model)).toBe(true);
    expect(coalesceFrameWrites(model)).toBe(true);
    buffers[0]!.write(frame(0, 0));
    buffers[0]!.write(frame(0, 1));
    await settle();
    expect(s.calls).toEqual([2]);
    expect(coalesceFrameWrites({ connection: { stream: s.out } })).toBe(false);
    expect(coalesceFrameWrites(undefined)).toBe(false);
  });
});
