import type { EventBridgeEvent } from 'aws-lambda';
import { InvalidInputError } from '../../shared/domain/errors.js';
import {
  isNotifiableDetailType,
  parseNotifiableEvent,
} from '../../shared/notifications/notifiable-events.js';
import { deployedNotifications, type Wiring } from '../../shared/runtime/adapters.js';
import { deployedHandler } from '../../shared/runtime/deployed-handler.js';
import { logger, metrics, observed } from '../../shared/runtime/observability.js';
import { notifyEvents } from '../../shared/use-cases/notify.js';

/**
 * Tells subscribers (email, SMS, HTTPS) about `Order Awaiting Stock`, `Order Split`,
 * `Backorder Fulfilled`, `Order Change Refused` and `Backorder Overdue` events from the service's
 * own bus (each recipient's filter policy picks the types it asked for). A failure is thrown, so EventBridge
 * delivers the event again (and at last parks it in the rule's dead-letter queue). Only ids are
 * logged: the customer is in the message alone.
 */
export const makeHandler = (wiring: () => Pick<Wiring, 'notifications'>) =>
  observed(async (event: EventBridgeEvent<string, unknown>) => {
    const detailType = event['detail-type'];
    if (!isNotifiableDetailType(detailType))
      throw new InvalidInputError(`Unsupported detail-type ${detailType}`);
    const notifiable = parseNotifiableEvent(detailType, event.detail);
    const { notifications } = wiring();
    if (!notifications)
      throw new Error('Notifications are not configured: NOTIFICATION_TOPIC_ARN is not set');
    const [outcome = 'sent'] = await notifyEvents(notifications, [notifiable]);
    logger.info('Notification handled', {
      detailType,
      tenantId: notifiable.detail.tenantId,
      eventId: notifiable.detail.eventId,
      orderId: notifiable.detail.orderId,
      outcome,
    });
    metrics.addMetric(outcome === 'duplicate' ? 'DuplicateNotifications' : 'NotificationsSent', 'Count', 1);
    return { outcome };
  });

export const handler = deployedHandler(deployedNotifications, makeHandler);
