import { Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { NotDeliverableError, Notifier, type Notification } from './notifier.js';

/**
 * NOTIFIER=smtp: e-mail through SMTP_URL. There is no SMS gateway adapter yet: a request made by
 * phone is delivered to the employee's e-mail address, or not at all when there is none.
 */
export class SmtpNotifier extends Notifier {
  private readonly log = new Logger('SmtpNotifier');

  constructor(
    private readonly transport: Transporter,
    private readonly from: string,
  ) {
    super();
  }

  static fromUrl(smtpUrl: string, from: string): SmtpNotifier {
    return new SmtpNotifier(createTransport(smtpUrl), from);
  }

  async send(n: Notification): Promise<void> {
    const to = n.channel === 'email' ? n.recipient : n.email;
    if (!to) throw new NotDeliverableError('no e-mail address on file and no SMS adapter configured');
    await this.transport.sendMail({ from: this.from, to, subject: n.subject, text: n.text });
    this.log.log({ msg: 'notification e-mailed', employeeId: n.employeeId, requestedChannel: n.channel });
  }
}
