import * as z from 'zod/mini';
import type { ChannelMappingOptions, ChannelOrderMessage, WebhookRequest } from './channel-message.js';
import { gmtTimestampSchema, numericIdSchema, optionalTextSchema } from './field-schemas.js';
import { headerValue } from './headers.js';
import { decodeHtmlEntities } from './html-text.js';
import { draftToOrder, fullName } from './order-draft.js';
import '../zod-mini.js';
import { bodyText, deliveryIdFor, parseJsonBody, parsePayload, payloadError } from './payload.js';
import type { RawBody } from './signatures.js';
import { type PayloadAttribute, warehouseNamedIn } from './warehouse-routing.js';

/**
 * WooCommerce order webhooks, as sent to `POST /webhooks/{tenantId}/woocommerce`: the body is the
 * REST v3 order representation. Only the fields the service uses are checked.
 */
const lineItemSchema = z.object({
  id: numericIdSchema,
  name: optionalTextSchema,
  sku: optionalTextSchema,
  quantity: z.number().check(z.int(), z.positive()),
});

export const wooCommerceOrderSchema = z.object({
  id: numericIdSchema,
  number: z.nullish(z.union([z.string(), z.number()])),
  status: z.string(),
  date_created_gmt: gmtTimestampSchema,
  date_modified_gmt: z.nullish(gmtTimestampSchema),
  customer_id: z.nullish(numericIdSchema),
  billing: z.nullish(
    z.object({
      first_name: optionalTextSchema,
      last_name: optionalTextSchema,
      email: optionalTextSchema,
      phone: optionalTextSchema,
    }),
  ),
  meta_data: z.nullish(z.array(z.object({ key: z.string(), value: z.unknown() }))),
  line_items: z.array(lineItemSchema).check(z.minLength(1)),
});
type WooCommerceOrder = z.output<typeof wooCommerceOrderSchema>;

/** WooCommerce's check that the delivery URL answers, sent once when a webhook is created. */
export interface WooCommercePing {
  kind: 'ping';
  webhookId: string;
}

const PING = /^webhook_id=(\d{1,20})$/;

/**
 * Recognises the ping. WooCommerce sends it unsigned (form body `webhook_id=<id>`, no signature
 * header) and keeps the webhook only if it is answered 200, so the handler must check for it
 * before the signature; it carries nothing and changes nothing.
 */
export const wooCommercePing = (body: RawBody): WooCommercePing | undefined => {
  if (body.length > 64) return undefined;
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('latin1');
  const webhookId = PING.exec(text.trim())?.[1];
  return webhookId ? { kind: 'ping', webhookId } : undefined;
};

/**
 * Maps a WooCommerce webhook to a channel message, or recognises the ping. The caller has verified
 * the signature (except for a ping); anything else this cannot use is refused with `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * mapWooCommerceWebhook({ headers: event.headers, body: rawBody }, { warehouseId: 'main' });
 * ```
 */
export const mapWooCommerceWebhook = (
  request: WebhookRequest,
  options: ChannelMappingOptions,
): ChannelOrderMessage | WooCommercePing => {
  const ping = wooCommercePing(request.body);
  if (ping) return ping;
  const channel = options.channel ?? 'woocommerce';
  const topic = headerValue(request.headers, 'X-WC-Webhook-Topic')?.trim().toLowerCase();
  if (topic !== 'order.created' && topic !== 'order.updated')
    throw payloadError(
      channel,
      'unsupported-topic',
      'X-WC-Webhook-Topic must be order.created or order.updated',
    );
  const json = parseJsonBody(channel, bodyText(channel, request.body));
  const payload = parsePayload(channel, wooCommerceOrderSchema, json, 'WooCommerce order');
  const kind =
    topic === 'order.created' ? 'received' : payload.status === 'cancelled' ? 'cancelled' : 'updated';
  const order = draftToOrder(
    channel,
    {
      channelOrderId: payload.id,
      createdAt: payload.date_created_gmt,
      customer: {
        // WooCommerce uses customer 0 for a guest checkout.
        id: payload.customer_id === '0' ? undefined : payload.customer_id,
        name: fullName(payload.billing?.first_name, payload.billing?.last_name),
        email: payload.billing?.email,
        phone: payload.billing?.phone,
      },
      lines: payload.line_items.map((item) => ({
        lineId: item.id,
        sku: item.sku,
        quantity: item.quantity,
        title: item.name ? decodeHtmlEntities(item.name) : item.name,
      })),
      warehouseNamed: warehouseNamedIn(metaAttributes(payload), options),
      notes: orderNotes(payload),
    },
    options,
  );
  // X-WC-Webhook-Delivery-ID hashes the webhook id with the send time, so it changes on every
  // attempt; the body does not, and WooCommerce often fires the same order.updated twice.
  const version = payload.date_modified_gmt ?? undefined;
  return {
    kind,
    order: version ? { ...order, channelVersion: version } : order,
    deliveryId: deliveryIdFor(undefined, request.body),
    ...(version ? { version } : {}),
  };
};

const metaAttributes = (payload: WooCommerceOrder): PayloadAttribute[] =>
  (payload.meta_data ?? []).map(({ key, value }) => ({ name: key, value }));

/** Stores may renumber orders (sequential-number plugins); operators search by that number. */
const orderNotes = (payload: WooCommerceOrder): string[] => {
  const number = payload.number === null || payload.number === undefined ? '' : String(payload.number).trim();
  return number && number !== payload.id ? [`WooCommerce order number ${number.slice(0, 100)}.`] : [];
};
