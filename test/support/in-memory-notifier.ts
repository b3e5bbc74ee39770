import type { Notification } from '../../shared/notifications/notification.js';
import { NotificationsFailedError, type Notifier } from '../../shared/ports/notifier.js';

/**
 * The notifier port in memory: what was sent, switches to make sending fail (all of it, or some
 * events only), and a delay that keeps a send in flight while other deliveries arrive.
 */
export class InMemoryNotifier implements Notifier {
  readonly sent: Notification[] = [];
  failing = false;
  readonly failingEventIds = new Set<string>();
  delayMs = 0;

  async send(notifications: readonly Notification[]): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failing) throw new Error('the topic is unreachable');
    const failed = notifications.filter((notification) => this.failingEventIds.has(notification.eventId));
    this.sent.push(
      ...notifications.filter((notification) => !this.failingEventIds.has(notification.eventId)),
    );
    if (failed.length > 0) {
      throw new NotificationsFailedError(failed.map(({ eventId }) => ({ eventId, code: 'InternalError' })));
    }
  }

  of(eventId: string): Notification[] {
    return this.sent.filter((notification) => notification.eventId === eventId);
  }
}
