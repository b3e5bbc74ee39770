import * as z from 'zod/mini';
import type { ChannelMappingOptions, ChannelOrderMessage, WebhookRequest } from './channel-message.js';
import { numericIdSchema, optionalTextSchema, utcTimestampSchema } from './field-schemas.js';
import { headerValue } from './headers.js';
import { type DraftLine, draftToOrder, fullName } from './order-draft.js';
import '../zod-mini.js';
import { bodyText, deliveryIdFor, parseJsonBody, parsePayload, payloadError } from './payload.js';
import { type PayloadAttribute, warehouseNamedIn } from './warehouse-routing.js';

/**
 * Shopify order webhooks (REST representation), as sent to `POST /webhooks/{tenantId}/shopify`.
 * Only the fields the service uses are checked; the rest of Shopify's large order is ignored.
 */
const lineItemSchema = z.object({
  id: numericIdSchema,
  sku: optionalTextSchema,
  quantity: z.number().check(z.int(), z.positive()),
  /** After order edits (API 2024-01 and later); absent in older payloads. */
  current_quantity: z.nullish(z.number().check(z.int(), z.nonnegative())),
  name: optionalTextSchema,
  title: optionalTextSchema,
  gift_card: z.nullish(z.boolean()),
});

export const shopifyOrderSchema = z.object({
  id: numericIdSchema,
  name: optionalTextSchema,
  created_at: utcTimestampSchema,
  updated_at: z.nullish(utcTimestampSchema),
  cancelled_at: optionalTextSchema,
  cancel_reason: optionalTextSchema,
  test: z.nullish(z.boolean()),
  email: optionalTextSchema,
  contact_email: optionalTextSchema,
  phone: optionalTextSchema,
  customer: z.nullish(
    z.object({
      id: z.nullish(numericIdSchema),
      first_name: optionalTextSchema,
      last_name: optionalTextSchema,
      email: optionalTextSchema,
      phone: optionalTextSchema,
    }),
  ),
  note_attributes: z.nullish(z.array(z.object({ name: z.string(), value: z.unknown() }))),
  line_items: z.array(lineItemSchema).check(z.minLength(1)),
});
type ShopifyOrder = z.output<typeof shopifyOrderSchema>;

const KIND_OF_TOPIC: Readonly<Record<string, ChannelOrderMessage['kind']>> = {
  'orders/create': 'received',
  'orders/updated': 'updated',
  'orders/cancelled': 'cancelled',
};

/**
 * Maps a Shopify order webhook to a channel message. The caller has verified the signature; this
 * refuses anything else it cannot use with `INVALID_INPUT` (`details.problem` says why).
 *
 * @example
 * ```ts
 * mapShopifyWebhook({ headers: event.headers, body: rawBody }, { warehouseId: 'main' });
 * ```
 */
export const mapShopifyWebhook = (
  request: WebhookRequest,
  options: ChannelMappingOptions,
): ChannelOrderMessage => {
  const channel = options.channel ?? 'shopify';
  const topic = headerValue(request.headers, 'X-Shopify-Topic')?.trim().toLowerCase() ?? '';
  const topicKind = KIND_OF_TOPIC[topic];
  if (!topicKind)
    throw payloadError(
      channel,
      'unsupported-topic',
      'X-Shopify-Topic must be orders/create, orders/updated or orders/cancelled',
    );
  const json = parseJsonBody(channel, bodyText(channel, request.body));
  const payload = parsePayload(channel, shopifyOrderSchema, json, 'Shopify order');
  // Shopify signs the body, not the headers: a captured order re-sent under orders/cancelled with a
  // new webhook id must not cancel it.
  if (topicKind === 'cancelled' && !payload.cancelled_at?.trim())
    throw payloadError(
      channel,
      'topic-contradicts-body',
      'X-Shopify-Topic is orders/cancelled but the order in the body is not cancelled (cancelled_at is empty)',
    );
  // Shopify also sends orders/updated when it cancels an order, in no fixed order with
  // orders/cancelled: both must cancel, or a late update could revive the order.
  const kind = topicKind === 'updated' && payload.cancelled_at ? 'cancelled' : topicKind;
  const order = draftToOrder(
    channel,
    {
      channelOrderId: payload.id,
      createdAt: payload.created_at,
      customer: {
        id: payload.customer?.id,
        name: fullName(payload.customer?.first_name, payload.customer?.last_name),
        email: payload.email || payload.contact_email || payload.customer?.email,
        phone: payload.phone || payload.customer?.phone,
      },
      lines: linesOf(payload, kind),
      warehouseNamed: warehouseNamedIn(noteAttributes(payload), options),
      notes: orderNotes(payload, kind),
    },
    options,
  );
  const cancelReason = kind === 'cancelled' ? payload.cancel_reason?.trim() : undefined;
  const version = payload.updated_at ?? undefined;
  return {
    kind,
    order: version ? { ...order, channelVersion: version } : order,
    ...(version ? { version } : {}),
    deliveryId: deliveryIdFor(headerValue(request.headers, 'X-Shopify-Webhook-Id'), request.body),
    ...(cancelReason ? { cancelReason } : {}),
  };
};

/**
 * The lines the order still has. An edit or refund lowers `current_quantity` and keeps a removed
 * line at 0; such a line is left out, so that an update releases what it held. A cancellation
 * (which may refund everything) keeps the lines as ordered: only the order id matters to it.
 */
const linesOf = (payload: ShopifyOrder, kind: ChannelOrderMessage['kind']): DraftLine[] =>
  payload.line_items
    .map((item) => ({ item, quantity: currentQuantity(item, kind) }))
    .filter(({ quantity }) => quantity > 0)
    .map(({ item, quantity }) => ({
      lineId: item.id,
      sku: item.sku,
      quantity,
      title: item.name || item.title,
      ...(item.gift_card ? { notStockManaged: 'a gift card' } : {}),
    }));

const currentQuantity = (item: ShopifyOrder['line_items'][number], kind: ChannelOrderMessage['kind']) =>
  kind === 'cancelled' ? item.quantity : (item.current_quantity ?? item.quantity);

const noteAttributes = (payload: ShopifyOrder): PayloadAttribute[] =>
  (payload.note_attributes ?? []).map(({ name, value }) => ({ name, value }));

const orderNotes = (payload: ShopifyOrder, kind: ChannelOrderMessage['kind']): string[] => {
  const notes: string[] = [];
  const name = payload.name?.trim();
  if (name) notes.push(`Shopify order ${name.slice(0, 100)}.`);
  if (payload.test) notes.push('Shopify marked this as a test order.');
  const removed = payload.line_items.filter((item) => currentQuantity(item, kind) === 0);
  for (const item of removed) notes.push(`Line ${item.id} was removed from the order in Shopify.`);
  return notes;
};
