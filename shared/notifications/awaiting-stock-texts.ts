import type { InboundSupply } from '../domain/inbound.js';
import type { SaleOrder } from '../domain/order.js';
import type { OutgoingDetail } from '../events/outgoing-events.js';
import { type ExpectedArrival, expectedArrivals, type Promised, unitsBySku } from './expected-arrival.js';
import { fitSms, fitSubject, fixed, listSlot } from './fit-text.js';
import type { NotificationTexts } from './notification.js';
import { emailOrderPhrase, namingOf, orderSlots } from './order-naming.js';
import { emailArrivalLines, emailBody, emailFooter, smsArrival } from './wording.js';

const MISSING_RANK = 2;

/** An order waits for stock: what is missing and when it is expected. */
export const awaitingStockTexts = (
  detail: OutgoingDetail<'Order Awaiting Stock'>,
  order: SaleOrder,
  inbound: readonly InboundSupply[],
  promised: Promised = new Map(),
): { texts: NotificationTexts; arrivals: ExpectedArrival[] } => {
  const naming = namingOf(detail, order);
  const needs = unitsBySku(detail.missing.map((line) => ({ sku: line.sku, units: line.quantity })));
  const arrivals = expectedArrivals(needs, inbound, detail.warehouseId, promised);
  const skuCount = arrivals.length === 1 ? '1 SKU' : `${arrivals.length} SKUs`;
  const email = emailBody([
    `${emailOrderPhrase(naming)} is awaiting stock.`,
    ['Missing:', ...emailArrivalLines(arrivals, order)],
    emailFooter(detail),
  ]);
  const sms = fitSms([
    ...orderSlots(naming, { withCustomer: true }),
    fixed(' is awaiting stock'),
    listSlot(MISSING_RANK, arrivals.map(smsArrival), {
      before: ': ',
      after: '.',
      whenEmpty: ` (${skuCount} short).`,
    }),
  ]);
  const subject = fitSubject([
    ...orderSlots(naming, { withCustomer: false }),
    fixed(` is awaiting stock (${skuCount} short)`),
  ]);
  return { texts: { subject, email, sms }, arrivals };
};
