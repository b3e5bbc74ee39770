import { OrderNotFoundError } from '../domain/errors.js';
import type { SaleOrder } from '../domain/order.js';
import { buildNotification, inboundTargetsOf } from '../notifications/build-notification.js';
import type { NotifiableEvent } from '../notifications/notifiable-events.js';
import type { Notification } from '../notifications/notification.js';
import type { BackorderRepository } from '../ports/backorder-repository.js';
import type { NotificationClaim, NotificationClaims } from '../ports/notification-claims.js';
import { NotificationsFailedError, type Notifier } from '../ports/notifier.js';
import { promiseKey } from '../promises/expected-dates.js';
import { expectedDatesOf, type PromisePorts } from './expected-by.js';

export interface NotifyPorts {
  repository: Pick<BackorderRepository, 'loadFamily' | 'loadInbound'> & PromisePorts;
  claims: NotificationClaims;
  notifier: Notifier;
}

export type NotifyOutcome = 'sent' | 'duplicate';

/**
 * Another delivery of these events is sending them right now. Thrown rather than answered as a
 * duplicate, so the event is delivered again later: if that sender crashes, nobody else would.
 */
export class NotificationInFlightError extends Error {
  constructor(readonly eventIds: readonly string[]) {
    super(`${eventIds.length} notifications are being sent by another delivery`);
    this.name = 'NotificationInFlightError';
  }
}

const notificationOf = async (
  repository: NotifyPorts['repository'],
  event: NotifiableEvent,
): Promise<Notification> => {
  const { tenantId, orderId } = event.detail;
  const { orders } = await repository.loadFamily(tenantId, orderId);
  const order = orders.find((each) => each.orderId === orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  const targets = inboundTargetsOf(event);
  const inbound = targets.length > 0 ? await repository.loadInbound(tenantId, targets) : [];
  return buildNotification(event, order, inbound, await promisedBySku(repository, event, orders));
};

/**
 * The date each SKU the event leaves waiting is promised (DESIGN §15), read now: for an order
 * awaiting stock, that order's; for a split, its backorder's. A SKU the order no longer waits for
 * is left out, and its text falls back on the earliest arrival of the supply.
 */
const promisedBySku = async (
  repository: NotifyPorts['repository'],
  event: NotifiableEvent,
  family: readonly SaleOrder[],
): Promise<Map<string, string | null>> => {
  const waitingId =
    event.detailType === 'Order Split'
      ? event.detail.backorderId
      : event.detailType === 'Order Awaiting Stock'
        ? event.detail.orderId
        : undefined;
  const waiting = family.find((each) => each.orderId === waitingId);
  if (!waiting) return new Map();
  const dates = await expectedDatesOf(repository, event.detail.tenantId, [waiting]);
  const promised = new Map<string, string | null>();
  for (const line of waiting.lines) {
    const promise =
      line.sku === null ? undefined : dates.get(promiseKey(waiting.warehouseId, line.sku, waiting.orderId));
    if (line.sku !== null && promise) promised.set(line.sku, promise.expectedBy);
  }
  return promised;
};

/**
 * Claims whose notification went out are confirmed, the others released for a retry. A claim
 * left behind by a failed write is no loss: its lease runs out and a later delivery takes it over.
 */
const settleClaims = async (
  claims: NotificationClaims,
  held: readonly NotificationClaim[],
  failed: (claim: NotificationClaim) => boolean,
): Promise<void> => {
  await Promise.allSettled(
    held.map((claim) => (failed(claim) ? claims.release(claim) : claims.confirm(claim))),
  );
};

const keyOf = (event: NotifiableEvent): string => `${event.detail.tenantId}\u0000${event.detail.eventId}`;

/**
 * One notification per business event, however often the event is delivered: each event id is
 * claimed before anything is sent, and the claim is given up when sending fails, so the
 * event's retry sends it then. The outcomes follow the order of `events`.
 */
export const notifyEvents = async (
  ports: NotifyPorts,
  events: readonly NotifiableEvent[],
): Promise<NotifyOutcome[]> => {
  const unique = [...new Map(events.map((event) => [keyOf(event), event])).values()];
  const outcomes = await Promise.all(
    unique.map((event) => ports.claims.claim(event.detail.tenantId, event.detail.eventId)),
  );
  const held = outcomes.flatMap((outcome) => (outcome.kind === 'claimed' ? [outcome.claim] : []));
  const claimed = unique.filter((_, index) => outcomes[index]?.kind === 'claimed');
  try {
    const notifications = await Promise.all(claimed.map((event) => notificationOf(ports.repository, event)));
    if (notifications.length > 0) await ports.notifier.send(notifications);
  } catch (error) {
    const failedIds =
      error instanceof NotificationsFailedError
        ? new Set(error.failed.map((each) => each.eventId))
        : undefined;
    await settleClaims(ports.claims, held, (claim) => failedIds?.has(claim.eventId) ?? true);
    throw error;
  }
  await settleClaims(ports.claims, held, () => false);

  const inFlight = unique.filter((_, index) => outcomes[index]?.kind === 'in-flight');
  if (inFlight.length > 0) throw new NotificationInFlightError(inFlight.map((event) => event.detail.eventId));
  const sentBefore = new Set(unique.filter((_, index) => outcomes[index]?.kind === 'sent').map(keyOf));
  return events.map((event) => (sentBefore.has(keyOf(event)) ? 'duplicate' : 'sent'));
};
