import { describe, expect, it } from '@jest/globals';
import { createTransport } from 'nodemailer';
import { NotDeliverableError, type Notification } from './notifier.js';
import { SmtpNotifier } from './smtp-notifier.js';

/** nodemailer's JSON transport builds the message without a server; the notifier's choices are what is tested. */
function notifierCapturing(sent: Array<{ to: string; from: string; subject: string }>): SmtpNotifier {
  const transport = createTransport({ jsonTransport: true });
  const original = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: any) => {
    const info: any = await original(mail);
    const message = JSON.parse(info.message as string);
    sent.push({ to: message.to[0].address, from: message.from.address, subject: message.subject });
    return info;
  }) as typeof transport.sendMail;
  return new SmtpNotifier(transport, 'CRM <no-reply@crm.example>');
}

const base: Notification = {
  employeeId: 'E1',
  channel: 'email',
  recipient: 'li@example.com',
  email: 'li@example.com',
  subject: 'Code',
  text: 'Your code is 123456',
};

describe('SmtpNotifier', () => {
  it('e-mails the address the employee gave', async () => {
    const sent: Array<{ to: string; from: string; subject: string }> = [];
    await notifierCapturing(sent).send(base);
    expect(sent).toEqual([{ to: 'li@example.com', from: 'no-reply@crm.example', subject: 'Code' }]);
  });

  it('without an SMS adapter, a phone request goes to the e-mail on file, or nowhere', async () => {
    const sent: Array<{ to: string; from: string; subject: string }> = [];
    const n = notifierCapturing(sent);
    await n.send({ ...base, channel: 'sms', recipient: '+8613800000000', email: 'office@example.com' });
    expect(sent.map((m) => m.to)).toEqual(['office@example.com']);
    await expect(n.send({ ...base, channel: 'sms', recipient: '+8613800000000', email: null })).rejects.toBeInstanceOf(NotDeliverableError);
  });
});
