import type { SaleOrder } from '../domain/order.js';
import type { PriorityRule } from '../policy/policy.js';

type Ranked = Pick<SaleOrder, 'orderId' | 'createdAt' | 'priority' | 'shipBy'>;

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
const PRIORITY_DIGITS = 10;
const PRIORITY_OFFSET = 10 ** (PRIORITY_DIGITS - 1);

/**
 * Channels write times with any offset and precision, and text order is time order only in one
 * form, so ranks use UTC with milliseconds. Text that is not a time is left for text order.
 */
const instant = (time: string): string => {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString();
};

/**
 * A string that sorts waiting orders into the order a rule serves them: the repository stores it
 * as the waiting index's sort key, so a receipt reads the queue already in policy order.
 * Ties break by created time, then order id.
 *
 * @example
 * ```ts
 * waitingRank({ orderId: 'A', createdAt: '2026-01-01T00:00:00.000Z' }, 'fifo');
 * // '2026-01-01T00:00:00.000Z#A'
 * ```
 */
export const waitingRank = (order: Ranked, rule: PriorityRule): string => {
  const tail = `${instant(order.createdAt)}#${order.orderId}`;
  switch (rule) {
    case 'fifo':
      return tail;
    case 'shipBy':
      return `${order.shipBy ? instant(order.shipBy) : FAR_FUTURE}#${tail}`;
    case 'priorityThenFifo': {
      // Higher priority first: store the distance below a ceiling, zero-padded so text order is numeric order.
      const inverted = PRIORITY_OFFSET - Math.trunc(order.priority ?? 0);
      return `${String(inverted).padStart(PRIORITY_DIGITS + 1, '0')}#${tail}`;
    }
  }
};

/**
 * Compares two waiting orders by a priority rule (negative: `a` is served first).
 *
 * @example
 * ```ts
 * waitingOrders.sort(compareWaiting('shipBy'));
 * ```
 */
export const compareWaiting =
  (rule: PriorityRule) =>
  (a: Ranked, b: Ranked): number => {
    const left = waitingRank(a, rule);
    const right = waitingRank(b, rule);
    return left < right ? -1 : left > right ? 1 : 0;
  };
