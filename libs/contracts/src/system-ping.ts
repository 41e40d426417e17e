import type { AppName } from './naming.js';

/** `<app>.system.ping.v1`'s reply: lets a partner check its credentials and the round trip without touching data. */
export interface PingReply {
  app: AppName;
  /** The caller name the credentials were accepted for. */
  caller: string;
  /** ISO-8601 time of the answer. */
  at: string;
}
