import { Logger } from '@nestjs/common';

/** The parts of amqplib's connection this reaches into (`lib/connection.js`, `lib/mux.js`, amqplib 0.10–2.x). */
interface AmqplibInternals {
  connection?: {
    stream?: { cork?: () => void; uncork?: () => void };
    muxer?: { _readIncoming?: (...args: unknown[]) => unknown; [COALESCED]?: true };
  };
}

const COALESCED = Symbol('crm.coalesced');
const log = new Logger('FrameCoalescing');
let warned = false;

/**
 * Sends the frames amqplib queued in one event-loop turn in one `writev` instead of one `write`
 * each. amqplib's muxer moves the channels' frames to the socket in one pass (scheduled with
 * `setImmediate`) but writes them one by one, and with TCP_NODELAY every write is a syscall and a
 * packet: a group commit's replies, call events and the relay's confirmed publishes were ~9 % of
 * an app's CPU in socket writes (V8 profile of marketing under the capture bench). Corking the
 * socket for the pass keeps the frames in order and only joins them; a pass that fills the
 * socket's buffer stops as before and resumes on `drain`.
 *
 * Returns false, with one warning, when amqplib's internals are not as expected (a new major):
 * the connection then works as amqplib made it, only without the coalescing.
 */
export function coalesceFrameWrites(model: unknown): boolean {
  // amqplib's ChannelModel (a-c-m's `connect` event types it as the older `Connection`).
  const connection = (model as AmqplibInternals | undefined)?.connection;
  const socket = connection?.stream;
  const muxer = connection?.muxer;
  const readIncoming = muxer?._readIncoming;
  if (!muxer || typeof readIncoming !== 'function' || typeof socket?.cork !== 'function' || typeof socket.uncork !== 'function') {
    if (!warned) log.warn('amqplib internals differ from the expected ones: frames are written one by one');
    warned = true;
    return false;
  }
  if (muxer[COALESCED]) return true;
  muxer[COALESCED] = true;
  muxer._readIncoming = function (this: unknown, ...args: unknown[]) {
    socket.cork!();
    try {
      return readIncoming.apply(this, args);
    } finally {
      socket.uncork!();
    }
  };
  return true;
}
