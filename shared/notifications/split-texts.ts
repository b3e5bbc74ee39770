import type { InboundSupply } from '../domain/inbound.js';
import type { SaleOrder } from '../domain/order.js';
import type { OutgoingDetail } from '../events/outgoing-events.js';
import {
  allArrivedBy,
  type ExpectedArrival,
  expectedArrivals,
  type Promised,
  unitsBySku,
} from './expected-arrival.js';
import { fitSms, fitSubject, fixed, slot } from './fit-text.js';
import type { NotificationTexts } from './notification.js';
import { emailOrderPhrase, namingOf, orderSlots } from './order-naming.js';
import { dayMonth, emailArrivalLines, emailBody, emailFooter, emailLine } from './wording.js';

const BACKORDER_RANK = 2;
const ETA_RANK = 4;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** An order split in two: what ships now, and what waits on which backorder until when. */
export const splitTexts = (
  detail: OutgoingDetail<'Order Split'>,
  order: SaleOrder,
  inbound: readonly InboundSupply[],
  promised: Promised = new Map(),
): { texts: NotificationTexts; arrivals: ExpectedArrival[] } => {
  const naming = namingOf(detail, order);
  // A line that lost all its units to a drop stays on the order, but nothing of it ships.
  const shipping = detail.shipping.filter((line) => line.quantity > 0);
  const needs = unitsBySku(
    detail.backordered.map((line) => ({ sku: line.sku, units: line.quantity - line.allocated })),
  );
  const arrivals = expectedArrivals(needs, inbound, detail.warehouseId, promised);
  // Lines without a SKU (gift wrap, a gift card) ride along but are not units anyone counts.
  const shipUnits = sum(shipping.filter((line) => line.sku !== null).map((line) => line.quantity));
  const waitUnits = sum(arrivals.map((arrival) => arrival.units));
  const counts = `${shipUnits === 1 ? '1 unit ships' : `${shipUnits} units ship`} now, ${
    waitUnits === 1 ? '1 waits' : `${waitUnits} wait`
  }`;
  const allBy = allArrivedBy(arrivals);

  const email = emailBody([
    `${emailOrderPhrase(naming)} was split: part of it ships now, the rest waits for stock.`,
    ['Ships now:', ...shipping.map((line) => emailLine(line, order))],
    [`Waits on backorder ${detail.backorderId}:`, ...emailArrivalLines(arrivals, order)],
    emailFooter(detail),
  ]);
  const sms = fitSms([
    ...orderSlots(naming, { withCustomer: true }),
    fixed(` was split: ${counts}`),
    slot(BACKORDER_RANK, ` on backorder ${detail.backorderId}`, ''),
    slot(ETA_RANK, ...(allBy ? [` (by ${dayMonth(allBy)})`] : []), ''),
    fixed('.'),
  ]);
  const subject = fitSubject([
    ...orderSlots(naming, { withCustomer: false }),
    fixed(` was split: ${counts}`),
    slot(BACKORDER_RANK, ` on backorder ${detail.backorderId}`, ''),
  ]);
  return { texts: { subject, email, sms }, arrivals };
};
