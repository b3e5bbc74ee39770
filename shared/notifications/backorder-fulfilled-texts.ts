import type { SaleOrder } from '../domain/order.js';
import type { OutgoingDetail } from '../events/outgoing-events.js';
import { fitSms, fitSubject, fixed } from './fit-text.js';
import type { NotificationTexts } from './notification.js';
import { emailOrderPhrase, namingOf, orderSlots } from './order-naming.js';
import { emailBody, emailFooter, emailLine } from './wording.js';

/** An order left Awaiting Stock: everything it waited for is allocated, so it can be picked. */
export const backorderFulfilledTexts = (
  detail: OutgoingDetail<'Backorder Fulfilled'>,
  order: SaleOrder,
): NotificationTexts => {
  const naming = namingOf(detail, order);
  const email = emailBody([
    `${emailOrderPhrase(naming)} is now fully in stock and ready to pick.`,
    ['Lines:', ...detail.lines.filter((line) => line.quantity > 0).map((line) => emailLine(line, order))],
    emailFooter(detail),
  ]);
  const sms = fitSms([
    ...orderSlots(naming, { withCustomer: true }),
    fixed(' is now fully in stock and ready to pick.'),
  ]);
  const subject = fitSubject([...orderSlots(naming, { withCustomer: false }), fixed(' is ready to pick')]);
  return { subject, email, sms };
};
