/**
 * The Notifier port without SNS: each notification goes to every subscription whose filter
 * policy matches its attributes (as SNS would), emails into the outbox as `.eml` files, SMS into
 * `sms.log`, and both are printed.
 */
import type { Notification } from '../../../shared/notifications/notification.js';
import type { Notifier } from '../../../shared/ports/notifier.js';
import type { Outbox } from './outbox.js';
import type { Subscription } from './subscriptions.js';

export class LocalNotifier implements Notifier {
  constructor(
    private readonly outbox: Outbox,
    private readonly subscriptions: readonly Subscription[],
    private readonly print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  async send(notifications: readonly Notification[]): Promise<void> {
    for (const notification of notifications) {
      const input = {
        message: notification.message.default,
        messageAttributes: Object.fromEntries(
          Object.entries(notification.attributes).map(([name, value]) => [
            name,
            { Type: 'String', Value: value ?? '' },
          ]),
        ),
      };
      for (const subscription of this.subscriptions) {
        if (!subscription.filter.matches(input)) continue;
        this.deliver(notification, subscription);
      }
    }
  }

  private deliver(notification: Notification, subscription: Subscription): void {
    switch (subscription.protocol) {
      case 'email': {
        const file = this.outbox.writeEmail({
          to: subscription.endpoint,
          subject: notification.subject,
          text: notification.message.email,
          id: `${notification.eventId}-${subscription.endpoint}`,
        });
        this.print(`[notify] email to ${subscription.endpoint}: ${notification.subject} (${file})`);
        break;
      }
      case 'sms':
        this.outbox.appendSms(subscription.endpoint, notification.message.sms);
        this.print(`[notify] sms to ${subscription.endpoint}: ${notification.message.sms}`);
        break;
      case 'https':
        this.print(
          `[notify] https subscription ${subscription.endpoint} is not delivered locally: ${notification.subject}`,
        );
        break;
    }
  }
}
