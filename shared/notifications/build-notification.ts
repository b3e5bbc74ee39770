import type { InboundSupply } from '../domain/inbound.js';
import type { SaleOrder } from '../domain/order.js';
import { awaitingStockTexts } from './awaiting-stock-texts.js';
import { backorderFulfilledTexts } from './backorder-fulfilled-texts.js';
import { changeRefusedTexts } from './change-refused-texts.js';
import type { ExpectedArrival, Promised } from './expected-arrival.js';
import type { NotifiableEvent } from './notifiable-events.js';
import type { Notification, NotificationAttributes, NotificationTexts } from './notification.js';
import { overdueTexts } from './overdue-texts.js';
import { splitTexts } from './split-texts.js';

const textsOf = (
  event: NotifiableEvent,
  order: SaleOrder,
  inbound: readonly InboundSupply[],
  promised: Promised,
): { texts: NotificationTexts; arrivals: ExpectedArrival[] } => {
  switch (event.detailType) {
    case 'Order Awaiting Stock':
      return awaitingStockTexts(event.detail, order, inbound, promised);
    case 'Order Split':
      return splitTexts(event.detail, order, inbound, promised);
    case 'Backorder Fulfilled':
      return { texts: backorderFulfilledTexts(event.detail, order), arrivals: [] };
    case 'Order Change Refused':
      return { texts: changeRefusedTexts(event.detail, order), arrivals: [] };
    case 'Backorder Overdue':
      return overdueTexts(event.detail, order, inbound);
  }
};

/** SNS refuses an empty String attribute, and a filter on an absent one simply does not match. */
const attributesOf = (event: NotifiableEvent): NotificationAttributes =>
  Object.fromEntries(
    Object.entries({
      eventType: event.detailType,
      tenantId: event.detail.tenantId,
      channel: event.detail.channel,
      warehouseId: event.detail.warehouseId,
    }).filter(([, value]) => value !== ''),
  );

/**
 * The notification of one event about `order` (the order the event names, read for its
 * customer and line titles); `inbound` is the expected supply of the SKUs it waits for, and
 * `promised` the date each SKU is promised in its queue (DESIGN §15), when known. The texts
 * tell the event as it happened, not the order as it is now.
 */
export const buildNotification = (
  event: NotifiableEvent,
  order: SaleOrder,
  inbound: readonly InboundSupply[],
  promised: Promised = new Map(),
): Notification => {
  const { texts, arrivals } = textsOf(event, order, inbound, promised);
  // Machines get the event itself, never the customer: they can ask the API with their own key.
  const machine = { eventType: event.detailType, detail: event.detail, expectedArrivals: arrivals };
  return {
    eventId: event.detail.eventId,
    tenantId: event.detail.tenantId,
    subject: texts.subject,
    message: { default: JSON.stringify(machine), email: texts.email, sms: texts.sms },
    attributes: attributesOf(event),
  };
};

/** The expected supply a notification of the event needs: its warehouse's, for the SKUs it waits for. */
export const inboundTargetsOf = (event: NotifiableEvent): Array<{ warehouseId: string; sku: string }> => {
  const skus =
    event.detailType === 'Order Awaiting Stock' || event.detailType === 'Backorder Overdue'
      ? event.detail.missing.map((line) => line.sku)
      : event.detailType === 'Order Split'
        ? event.detail.backordered.flatMap((line) => (line.sku === null ? [] : [line.sku]))
        : [];
  return [...new Set(skus)].map((sku) => ({ warehouseId: event.detail.warehouseId, sku }));
};
