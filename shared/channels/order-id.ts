import { InvalidInputError } from '../domain/errors.js';

/** Letters, digits and `_`: no `-`, so the first `-` of an order id always ends the channel name. */
const CHANNEL_NAME = /^[A-Za-z0-9_]{1,50}$/;
// Safe in a DynamoDB key joined with `#`, in a URL path segment and in a log line.
const UNSAFE_CHARACTER = /[^A-Za-z0-9._-]/g;
const BACKORDER_SUFFIX = /-BO\d+$/;

export const isChannelName = (channel: string): boolean => CHANNEL_NAME.test(channel);

/**
 * The order id for a channel's own order id: `<channel>-<id>`, the same every time the channel
 * sends that order, so a repeated or out-of-order delivery finds the same order.
 *
 * The id is made safe without ever making two ids equal: a character outside `[A-Za-z0-9._-]`
 * (such as the `#` that separates key parts) becomes `~` and its UTF-16 code unit in four hex
 * digits, and an id that would end like a backorder (`-BO<n>`, reserved for splits) gets a
 * closing `~`, which no escape produces.
 *
 * @example
 * ```ts
 * channelOrderId('shopify', '820982911946154508'); // 'shopify-820982911946154508'
 * channelOrderId('orders', 'SO#12');                // 'orders-SO~002312'
 * channelOrderId('orders', 'A-BO1');                // 'orders-A-BO1~'
 * ```
 */
export const channelOrderId = (channel: string, id: string): string => {
  if (!isChannelName(channel))
    throw new InvalidInputError('A channel name is 1 to 50 letters, digits or underscores', { channel });
  const escaped = id.replace(UNSAFE_CHARACTER, escapeCodeUnit);
  const orderId = `${channel}-${escaped}`;
  return BACKORDER_SUFFIX.test(orderId) ? `${orderId}~` : orderId;
};

const escapeCodeUnit = (unit: string): string =>
  `~${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
