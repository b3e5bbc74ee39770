import type { Notification } from '../notifications/notification.js';

/** Sends notifications to their subscribers (email, SMS, HTTPS...) in one go. */
export interface Notifier {
  /**
   * Sends every notification, or throws `NotificationsFailedError` naming the ones that may not
   * have gone out (all the others did).
   */
  send(notifications: readonly Notification[]): Promise<void>;
}

export class NotificationsFailedError extends Error {
  constructor(
    readonly failed: ReadonlyArray<{ eventId: string; code?: string }>,
    options?: { cause?: unknown },
  ) {
    super(`${failed.length} notifications could not be sent`, options);
    this.name = 'NotificationsFailedError';
  }
}
