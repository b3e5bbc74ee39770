import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { STRATEGIES } from '../policy/policy.js';
import { described } from '../zod-mini.js';
import type { ChannelMappingOptions, ChannelOrderMessage, WebhookRequest } from './channel-message.js';
import { utcTimestampSchema } from './field-schemas.js';
import { headerValue } from './headers.js';
import { draftToOrder } from './order-draft.js';
import { bodyText, deliveryIdFor, parsePayload, payloadError } from './payload.js';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/**
 * The generic JSON order format of `POST /webhooks/{tenantId}/orders`, for any system that can
 * POST JSON. Written for the OpenAPI description: every field says what it means.
 */
export const genericOrderSchema = described(
  z.object({
    type: described(
      z.enum(['order.created', 'order.updated', 'order.cancelled']),
      'What happened: a new order, a change to an open order (send its full current list of lines), or a cancellation.',
    ),
    orderId: described(
      text(150),
      'Your own id for the order, the same in every message about it. The service stores it as `<channel>-<orderId>`.',
    ),
    createdAt: described(
      z.iso.datetime({ offset: true }),
      'When the order was placed: ISO 8601 with `Z` or an offset, e.g. `2024-05-01T09:30:00Z`.',
    ),
    updatedAt: described(
      z.optional(z.iso.datetime({ offset: true })),
      'Your version of the order: when it last changed, ISO 8601. A change older than the last one the service kept for the order is answered `{"status":"stale"}` and changes nothing; without it, changes apply in the order they arrive. With neither `Idempotency-Key` nor `eventId`, a repeat is recognised by order, type and `updatedAt`.',
    ),
    eventId: described(
      z.optional(text(200)),
      'Your id for this message; a repeat with the same id changes nothing. The `Idempotency-Key` header, when sent, takes its place.',
    ),
    customer: described(
      z.optional(
        z.object({
          id: described(z.optional(z.string().check(z.maxLength(200))), 'Your customer id.'),
          name: described(
            z.optional(z.string().check(z.maxLength(320))),
            'Name to address notifications to.',
          ),
          email: described(
            z.optional(z.string().check(z.maxLength(320))),
            'Where email notifications about this order go.',
          ),
          phone: described(
            z.optional(z.string().check(z.maxLength(40))),
            'Where SMS notifications about this order go.',
          ),
        }),
      ),
      'The customer; personal data, used only to notify them about this order.',
    ),
    priority: described(
      z.optional(z.number().check(z.int(), z.gte(-999_999_999), z.lte(999_999_999))),
      'Higher is served first when the tenant orders its queue by priority; default 0.',
    ),
    shipBy: described(
      z.optional(z.iso.datetime({ offset: true })),
      'When the order must ship; used when the tenant orders its queue by ship-by date.',
    ),
    strategy: described(
      z.optional(z.enum(STRATEGIES)),
      "How this order competes for stock (DESIGN §14): `win` must be complete and may take stock from `redistribute` and `lose` orders not yet in fulfilment; `gain` gains in queue order and never loses; `redistribute` (the default) gains in queue order and may lose to `win`; `fill` keeps what it has and gains nothing automatically; `lose` may lose everything. Without it the tenant's policy decides.",
    ),
    warehouseId: described(
      z.optional(text(200)),
      "The warehouse to fulfil from. Honoured only if the tenant has it; otherwise the channel's routing decides.",
    ),
    lines: described(
      z
        .array(
          z.object({
            lineId: described(
              text(200),
              'Your id for the line, unique within the order and stable across updates.',
            ),
            sku: described(
              z.nullish(z.string().check(z.maxLength(LIMITS.idLength))),
              'The stock-keeping unit. Leave it out (or null or empty) for items that hold no stock.',
            ),
            quantity: described(
              z.number().check(z.int(), z.positive(), z.lte(LIMITS.quantity)),
              'Units ordered, a whole number above 0.',
            ),
            title: described(z.optional(z.string().check(z.maxLength(500))), 'What the line is, for people.'),
          }),
        )
        .check(z.minLength(1), z.maxLength(LIMITS.orderLines)),
      `The order lines; on \`order.updated\`, the full current list. At most ${LIMITS.orderLines} lines, and at most ${LIMITS.orderBytes} bytes for the order as stored.`,
    ),
  }),
  'An order event in the generic format, signed with `X-Signature` (base64 HMAC-SHA256 of the raw body).',
);

export type GenericOrder = z.input<typeof genericOrderSchema>;

// The documented schema stays free of transforms so that it converts to JSON Schema as it is;
// parsing also normalises the timestamps to UTC.
const normalisingSchema = z.extend(genericOrderSchema, {
  createdAt: utcTimestampSchema,
  updatedAt: z.optional(utcTimestampSchema),
  shipBy: z.optional(utcTimestampSchema),
});

const KIND_OF_TYPE = {
  'order.created': 'received',
  'order.updated': 'updated',
  'order.cancelled': 'cancelled',
} as const satisfies Record<GenericOrder['type'], ChannelOrderMessage['kind']>;

/**
 * Maps a generic JSON order to a channel message. The caller has verified the signature. A repeat
 * is known by `Idempotency-Key` (or `eventId`), else by order, type and `updatedAt` (DESIGN §10):
 * never by the body alone, so that an update back to earlier content (5 → 3 → 5) still applies.
 *
 * @example
 * ```ts
 * mapGenericOrder({ headers: event.headers, body: rawBody }, { warehouseId: 'main', channel: 'erp' });
 * ```
 */
export const mapGenericOrder = (
  request: WebhookRequest,
  options: ChannelMappingOptions,
): ChannelOrderMessage => {
  const channel = options.channel ?? 'orders';
  const json = parsePlainJson(channel, bodyText(channel, request.body));
  const payload = parsePayload(channel, normalisingSchema, json, 'order message');
  const order = draftToOrder(
    channel,
    {
      channelOrderId: payload.orderId,
      createdAt: payload.createdAt,
      customer: payload.customer ?? {},
      lines: payload.lines,
      warehouseNamed: payload.warehouseId,
      ...(payload.priority !== undefined ? { priority: payload.priority } : {}),
      ...(payload.shipBy !== undefined ? { shipBy: payload.shipBy } : {}),
      ...(payload.strategy !== undefined ? { strategy: payload.strategy } : {}),
    },
    options,
  );
  const version = payload.updatedAt;
  return {
    kind: KIND_OF_TYPE[payload.type],
    order: version ? { ...order, channelVersion: version } : order,
    deliveryId: genericDeliveryId(
      headerValue(request.headers, 'Idempotency-Key') ?? payload.eventId,
      payload,
    ),
    ...(version ? { version } : {}),
  };
};

/**
 * The sender's id for the message, else order, type and version. Without any, every delivery is
 * its own: an order is still taken once (by its id), and an update or cancellation is idempotent
 * by content, so applying a repeat again changes nothing.
 */
const genericDeliveryId = (
  given: string | undefined,
  payload: { type: string; orderId: string; updatedAt?: string | undefined },
): string => {
  if (given?.trim()) return deliveryIdFor(given, '');
  if (payload.type === 'order.created') return deliveryIdFor(`${payload.type}:${payload.orderId}`, '');
  if (payload.updatedAt) return deliveryIdFor(`${payload.type}:${payload.orderId}:${payload.updatedAt}`, '');
  return `unkeyed:${randomUUID()}`;
};

/**
 * Our own format says ids are strings, so a number anywhere is the sender's mistake to be told
 * about, not rounded or quietly converted: plain `JSON.parse` is right here.
 */
const parsePlainJson = (channel: string, body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    throw payloadError(channel, 'malformed-json', 'The body is not JSON');
  }
};
