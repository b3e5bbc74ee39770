import type { OrderLine, SaleOrder } from '../domain/order.js';
import type { ExpectedArrival } from './expected-arrival.js';
import { oneLine } from './fit-text.js';
import type { NotifiableEvent } from './notifiable-events.js';

/** The line summary events carry: what the order holds of each line. */
export type LineSummary = Pick<OrderLine, 'lineId' | 'sku' | 'quantity' | 'allocated'>;

const titleOf = (order: SaleOrder, match: (line: OrderLine) => boolean): string | undefined =>
  oneLine(order.lines.find((line) => match(line) && line.title)?.title) || undefined;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Dec" for `2026-12-12` (or a time on that day): the day as people say it (the year is the coming one). */
export const dayMonth = (date: string): string => {
  const [, month, day] = date.slice(0, 10).split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]}`;
};

const arrivalPhrase = (arrival: ExpectedArrival): string =>
  arrival.date ? `expected by ${dayMonth(arrival.date)}` : 'no expected arrival yet';

/** "- MUG-BLUE × 2 (Blue mug), expected by 3 Dec": one email line per SKU still to come. */
export const emailArrivalLines = (arrivals: readonly ExpectedArrival[], order: SaleOrder): string[] =>
  arrivals.map((arrival) => {
    const title = titleOf(order, (line) => line.sku === arrival.sku);
    return `- ${oneLine(arrival.sku)} × ${arrival.units}${title ? ` (${title})` : ''}, ${arrivalPhrase(arrival)}`;
  });

/** "- MUG-BLUE × 2 (Blue mug)", or "- Gift card × 1 (not stock-managed)" for a line without SKU. */
export const emailLine = (line: LineSummary, order: SaleOrder): string => {
  const title = titleOf(order, (each) => each.lineId === line.lineId);
  if (line.sku === null) return `- ${title ?? `Line ${line.lineId}`} × ${line.quantity} (not stock-managed)`;
  return `- ${oneLine(line.sku)} × ${line.quantity}${title ? ` (${title})` : ''}`;
};

/** Where the order is handled and which event this is, for whoever has to look it up. */
export const emailFooter = (detail: NotifiableEvent['detail']): string[] => [
  `Channel: ${detail.channel || 'unknown'}`,
  `Warehouse: ${detail.warehouseId}`,
  `Event: ${detail.eventId} at ${detail.occurredAt}`,
];

export const emailBody = (paragraphs: ReadonlyArray<string | readonly string[]>): string =>
  `${paragraphs.map((paragraph) => (typeof paragraph === 'string' ? paragraph : paragraph.join('\n'))).join('\n\n')}\n`;

/** "MUG-BLUE x2 (by 3 Dec)": plain `x`, since `×` would force the SMS out of the GSM alphabet. */
export const smsArrival = (arrival: ExpectedArrival): string =>
  `${oneLine(arrival.sku)} x${arrival.units}${arrival.date ? ` (by ${dayMonth(arrival.date)})` : ''}`;
