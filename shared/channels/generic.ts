import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { LIMITS } from '../limits.js';
import { STRATEGIES } from '../policy/policy.js';
import type { ChannelMappingOptions, ChannelOrderMessage, WebhookRequest } from './channel-message.js';
import { utcTimestampSchema } from './field-schemas.js';
import { headerValue } from './headers.js';
import { draftToOrder } from './order-draft.js';
import { bodyText, deliveryIdFor, parsePayload, payloadError } from './payload.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The generic JSON order format of `POST /webhooks/{tenantId}/orders`, for any system that can
 * POST JSON. Written for the OpenAPI description: every field says what it means.
 */
export const genericOrderSchema = z
  .object({
    type: z
      .enum(['order.created', 'order.updated', 'order.cancelled'])
      .describe(
        'What happened: a new order, a change to an open order (send its full current list of lines), or a cancellation.',
      ),
    orderId: text(150).describe(
      'Your own id for the order, the same in every message about it. The service stores it as `<channel>-<orderId>`.',
    ),
    createdAt: z.iso
      .datetime({ offset: true })
      .describe('When the order was placed: ISO 8601 with `Z` or an offset, e.g. `2024-05-01T09:30:00Z`.'),
    updatedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe(
        'Your version of the order: when it last changed, ISO 8601. A change older than the last one the service kept for the order is answered `{"status":"stale"}` and changes nothing; without it, changes apply in the order they arrive. With neither `Idempotency-Key` nor `eventId`, a repeat is recognised by order, type and `updatedAt`.',
      ),
    eventId: text(200)
      .optional()
      .describe(
        'Your id for this message; a repeat with the same id changes nothing. The `Idempotency-Key` header, when sent, takes its place.',
      ),
    customer: z
      .object({
        id: z.string().max(200).optional().describe('Your customer id.'),
        name: z.string().max(320).optional().describe('Name to address notifications to.'),
        email: z.string().max(320).optional().describe('Where email notifications about this order go.'),
        phone: z.string().max(40).optional().describe('Where SMS notifications about this order go.'),
      })
      .optional()
      .describe('The customer; personal data, used only to notify them about this order.'),
    priority: z
      .number()
      .int()
      .min(-999_999_999)
      .max(999_999_999)
      .optional()
      .describe('Higher is served first when the tenant orders its queue by priority; default 0.'),
    shipBy: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the order must ship; used when the tenant orders its queue by ship-by date.'),
    strategy: z
      .enum(STRATEGIES)
      .optional()
      .describe(
        "How this order competes for stock (DESIGN §14): `win` must be complete and may take stock from `redistribute` and `lose` orders not yet in fulfilment; `gain` gains in queue order and never loses; `redistribute` (the default) gains in queue order and may lose to `win`; `fill` keeps what it has and gains nothing automatically; `lose` may lose everything. Without it the tenant's policy decides.",
      ),
    warehouseId: text(200)
      .optional()
      .describe(
        "The warehouse to fulfil from. Honoured only if the tenant has it; otherwise the channel's routing decides.",
      ),
    lines: z
      .array(
        z.object({
          lineId: text(200).describe(
            'Your id for the line, unique within the order and stable across updates.',
          ),
          sku: z
            .string()
            .max(LIMITS.idLength)
            .nullish()
            .describe(
              'The stock-keeping unit. Leave it out (or null or empty) for items that hold no stock.',
            ),
          quantity: z
            .number()
            .int()
            .positive()
            .max(LIMITS.quantity)
            .describe('Units ordered, a whole number above 0.'),
          title: z.string().max(500).optional().describe('What the line is, for people.'),
        }),
      )
      .min(1)
      .max(LIMITS.orderLines)
      .describe(
        `The order lines; on \`order.updated\`, the full current list. At most ${LIMITS.orderLines} lines, and at most ${LIMITS.orderBytes} bytes for the order as stored.`,
      ),
  })
  .describe(
    'An order event in the generic format, signed with `X-Signature` (base64 HMAC-SHA256 of the raw body).',
  );

export type GenericOrder = z.input<typeof genericOrderSchema>;

// The documented schema stays free of transforms so that it converts to JSON Schema as it is;
// parsing also normalises the timestamps to UTC.
const normalisingSchema = genericOrderSchema.extend({
  createdAt: utcTimestampSchema,
  updatedAt: utcTimestampSchema.optional(),
  shipBy: utcTimestampSchema.optional(),
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
