import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DevMailboxEntity } from './dev-mailbox.entity.js';
import { Notifier, type Notification } from './notifier.js';

/** NOTIFIER=log: writes the message to `dev_mailbox` instead of sending it; the log says only that it did. */
export class DevMailboxNotifier extends Notifier {
  private readonly log = new Logger('DevMailboxNotifier');

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async send(n: Notification): Promise<void> {
    await this.dataSource.getRepository(DevMailboxEntity).insert({
      channel: n.channel,
      recipient: n.recipient,
      employeeId: n.employeeId,
      subject: n.subject,
      body: n.text,
    });
    this.log.log({ msg: 'notification written to the development mailbox', employeeId: n.employeeId, channel: n.channel });
  }
}
