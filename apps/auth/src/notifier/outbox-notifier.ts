import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { NotificationOutboxEntity } from './notification-outbox.entity.js';
import { Notifier, type Notification } from './notifier.js';

/** NOTIFIER=log: writes the message to `notification_outbox` instead of sending it; the log says only that it did. */
export class OutboxNotifier extends Notifier {
  private readonly log = new Logger('OutboxNotifier');

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async send(n: Notification): Promise<void> {
    await this.dataSource.getRepository(NotificationOutboxEntity).insert({
      channel: n.channel,
      recipient: n.recipient,
      employeeId: n.employeeId,
      subject: n.subject,
      body: n.text,
    });
    this.log.log({ msg: 'notification written to the development outbox', employeeId: n.employeeId, channel: n.channel });
  }
}
