import type { SaleOrder } from '../domain/order.js';
import type { OutgoingDetail } from '../events/outgoing-events.js';
import { fitSms, fitSubject, fixed, oneLine } from './fit-text.js';
import type { NotificationTexts } from './notification.js';
import { emailOrderPhrase, namingOf, orderSlots } from './order-naming.js';
import { emailBody, emailFooter } from './wording.js';

/** "- MUG-BLUE (line 1): has 3, the channel asks for 1". */
const emailChangeLine = (line: OutgoingDetail<'Order Change Refused'>['lines'][number]): string =>
  `- ${line.sku === null ? 'no SKU' : oneLine(line.sku)} (line ${oneLine(line.lineId)}): has ${line.before}, the channel asks for ${line.after}`;

/**
 * The channel changed or cancelled an order the service could not change any more (being picked,
 * dispatched, cancelled): the order kept what it had, and a person has to sort it out.
 */
export const changeRefusedTexts = (
  detail: OutgoingDetail<'Order Change Refused'>,
  order: SaleOrder,
): NotificationTexts => {
  const naming = namingOf(detail, order);
  const what = detail.change === 'cancel' ? 'cancellation' : 'change';
  const email = emailBody([
    `${emailOrderPhrase(naming)}: the channel's ${what} was not applied, and the order kept its lines. Please check it with the channel.`,
    oneLine(detail.reason),
    ['Lines:', ...detail.lines.map(emailChangeLine)],
    emailFooter(detail),
  ]);
  const sms = fitSms([
    ...orderSlots(naming, { withCustomer: true }),
    fixed(`: channel ${what} not applied, the order kept its lines. Please check.`),
  ]);
  const subject = fitSubject([
    ...orderSlots(naming, { withCustomer: false }),
    fixed(`: channel ${what} not applied`),
  ]);
  return { subject, email, sms };
};
