/** A message to one employee, addressed by the channel they identified themselves with. */
export interface Notification {
  employeeId: string;
  channel: 'email' | 'sms';
  /** E-mail address or phone number for `channel`. */
  recipient: string;
  /** Fallback e-mail address when the adapter cannot serve `channel` (no SMS gateway). */
  email: string | null;
  subject: string;
  text: string;
}

/**
 * Where one-time codes and security notices go. Adapters: `log` (development mailbox table, read by
 * tests and developers) and `smtp`. Adapters never log the message text: it may hold a code.
 */
export abstract class Notifier {
  abstract send(n: Notification): Promise<void>;
}

export class NotDeliverableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotDeliverableError';
  }
}
