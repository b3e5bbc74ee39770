import type { InboundSupply } from '../domain/inbound.js';
import type { SaleOrder } from '../domain/order.js';
import type { OutgoingDetail } from '../events/outgoing-events.js';
import { type ExpectedArrival, expectedArrivals, unitsBySku } from './expected-arrival.js';
import { fitSms, fitSubject, fixed, listSlot } from './fit-text.js';
import type { NotificationTexts } from './notification.js';
import { emailOrderPhrase, namingOf, orderSlots } from './order-naming.js';
import { emailArrivalLines, emailBody, emailFooter, smsArrival } from './wording.js';

const MISSING_RANK = 2;

const daysPhrase = (days: number) => (days === 1 ? '1 day' : `${days} days`);

/** An order has waited past `escalateAfterDays`: how long, and what it still waits for. */
export const overdueTexts = (
  detail: OutgoingDetail<'Backorder Overdue'>,
  order: SaleOrder,
  inbound: readonly InboundSupply[],
): { texts: NotificationTexts; arrivals: ExpectedArrival[] } => {
  const naming = namingOf(detail, order);
  const needs = unitsBySku(detail.missing.map((line) => ({ sku: line.sku, units: line.quantity })));
  const arrivals = expectedArrivals(needs, inbound, detail.warehouseId);
  const skuCount = arrivals.length === 1 ? '1 SKU' : `${arrivals.length} SKUs`;
  const waited = daysPhrase(detail.daysWaiting);
  const email = emailBody([
    `${emailOrderPhrase(naming)} is overdue: it has waited ${waited} for stock (since ${detail.waitingSince}), past the ${daysPhrase(detail.escalateAfterDays)} your policy allows.`,
    ['Still missing:', ...emailArrivalLines(arrivals, order)],
    emailFooter(detail),
  ]);
  const sms = fitSms([
    ...orderSlots(naming, { withCustomer: true }),
    fixed(` is overdue, waiting ${waited}`),
    listSlot(MISSING_RANK, arrivals.map(smsArrival), {
      before: ': ',
      after: '.',
      whenEmpty: ` (${skuCount} short).`,
    }),
  ]);
  const subject = fitSubject([
    ...orderSlots(naming, { withCustomer: false }),
    fixed(` is overdue: waiting ${waited} (${skuCount} short)`),
  ]);
  return { texts: { subject, email, sms }, arrivals };
};
