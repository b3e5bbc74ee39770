import * as z from 'zod/mini';
import {
  adjustmentLinesSchema,
  dispatchLinesSchema,
  idSchema,
  inboundQuantitySchema,
  inboundVersionSchema,
  incomingOrderSchema,
  stockLinesSchema,
} from '../domain/inputs.js';
import '../zod-mini.js';

/** Version of the incoming event contracts; a breaking change to a detail schema bumps it. */
export const INCOMING_SCHEMA_VERSION = 1 as const;

const envelope = {
  schemaVersion: z._default(z.literal(INCOMING_SCHEMA_VERSION), INCOMING_SCHEMA_VERSION),
  tenantId: idSchema,
  /** Used for idempotency: a repeat of the same event id changes nothing. */
  eventId: idSchema,
  occurredAt: z.optional(z.iso.datetime({ offset: true })),
};

const orderLines = incomingOrderSchema.shape.lines;
/** The channel's own version of the order (DESIGN §10); an older change than one kept is stale. */
const channelVersion = z.optional(
  z.pipe(
    z.iso.datetime({ offset: true }),
    z.transform((time: string) => new Date(time).toISOString()),
  ),
);

export const INCOMING_DETAIL_SCHEMAS = {
  'Order Received': z.object({ ...envelope, orderId: idSchema, order: incomingOrderSchema }),
  'Order Updated': z.object({ ...envelope, orderId: idSchema, lines: orderLines, channelVersion }),
  'Order Cancelled': z.object({
    ...envelope,
    orderId: idSchema,
    reason: z.optional(z.string().check(z.maxLength(1000))),
    channelVersion,
  }),
  'Stock Received': z.object({
    ...envelope,
    receiptId: idSchema,
    warehouseId: idSchema,
    lines: stockLinesSchema,
  }),
  'Stock Adjusted': z.object({
    ...envelope,
    adjustmentId: idSchema,
    warehouseId: idSchema,
    lines: adjustmentLinesSchema,
    reason: z.optional(z.string().check(z.maxLength(1000))),
  }),
  'Inbound Expected': z.object({
    ...envelope,
    inboundId: idSchema,
    warehouseId: idSchema,
    sku: idSchema,
    quantity: inboundQuantitySchema,
    eta: z.iso.datetime({ offset: true }),
    updatedAt: inboundVersionSchema,
  }),
  'Fulfilment Started': z.object({ ...envelope, orderId: idSchema }),
  'Order Dispatched': z.object({ ...envelope, orderId: idSchema, lines: z.optional(dispatchLinesSchema) }),
} as const;

export type IncomingDetailType = keyof typeof INCOMING_DETAIL_SCHEMAS;
export type IncomingDetail<T extends IncomingDetailType> = z.output<(typeof INCOMING_DETAIL_SCHEMAS)[T]>;

export const INCOMING_DETAIL_TYPES = Object.keys(INCOMING_DETAIL_SCHEMAS) as IncomingDetailType[];

export const isIncomingDetailType = (value: string): value is IncomingDetailType =>
  value in INCOMING_DETAIL_SCHEMAS;
