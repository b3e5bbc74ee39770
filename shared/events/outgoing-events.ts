import * as z from 'zod/mini';
import '../zod-mini.js';

/** Version of the outgoing event contracts; bumped on any breaking change to a detail schema. */
export const OUTGOING_SCHEMA_VERSION = 1 as const;

const lineSummary = z.object({
  lineId: z.string(),
  sku: z.nullable(z.string()),
  quantity: z.number().check(z.int(), z.nonnegative()),
  allocated: z.number().check(z.int(), z.nonnegative()),
});

const orderRef = {
  schemaVersion: z.literal(OUTGOING_SCHEMA_VERSION),
  tenantId: z.string().check(z.minLength(1)),
  eventId: z.string().check(z.minLength(1)),
  /** The event that caused this one. */
  causationId: z.string().check(z.minLength(1)),
  occurredAt: z.string(),
  orderId: z.string().check(z.minLength(1)),
  channel: z.string(),
  channelOrderId: z.string(),
  warehouseId: z.string(),
};

export const orderAllocatedDetail = z.object({ ...orderRef, lines: z.array(lineSummary) });

export const orderAwaitingStockDetail = z.object({
  ...orderRef,
  lines: z.array(lineSummary),
  missing: z.array(
    z.object({ lineId: z.string(), sku: z.string(), quantity: z.number().check(z.int(), z.positive()) }),
  ),
});

export const orderSplitDetail = z.object({
  ...orderRef,
  backorderId: z.string().check(z.minLength(1)),
  shipping: z.array(lineSummary),
  backordered: z.array(lineSummary),
});

export const backorderFulfilledDetail = z.object({
  ...orderRef,
  parentId: z.optional(z.string()),
  lines: z.array(lineSummary),
});

export const orderRejectedDetail = z.object({
  ...orderRef,
  reason: z.string(),
  lines: z.array(lineSummary),
});

export const allocationChangedDetail = z.object({
  ...orderRef,
  changes: z.array(
    z.object({
      lineId: z.string(),
      sku: z.string(),
      before: z.number().check(z.int(), z.nonnegative()),
      after: z.number().check(z.int(), z.nonnegative()),
    }),
  ),
});

/**
 * The channel changed an order in a way the service could not apply (the units are being picked or
 * were dispatched, or the order was cancelled): the order keeps what it had, and people decide.
 */
export const orderChangeRefusedDetail = z.object({
  ...orderRef,
  /** `update`: new lines or quantities; `cancel`: the channel cancelled the order. */
  change: z.enum(['update', 'cancel']),
  /** Per line: what the order (its family, for a split order) has, and what the channel now says. */
  lines: z.array(
    z.object({
      lineId: z.string(),
      sku: z.nullable(z.string()),
      before: z.number().check(z.int(), z.nonnegative()),
      after: z.number().check(z.int(), z.nonnegative()),
    }),
  ),
  reason: z.string(),
});

/**
 * An order has waited `escalateAfterDays` (its policy's) and is still Awaiting Stock: announced
 * once per order, by the sweep. A backorder's wait counts from its split.
 */
export const backorderOverdueDetail = z.object({
  ...orderRef,
  parentId: z.optional(z.string()),
  /** When the wait started: the split for a backorder, the order's creation otherwise. */
  waitingSince: z.string(),
  /** Whole days waited when announced. */
  daysWaiting: z.number().check(z.int(), z.nonnegative()),
  escalateAfterDays: z.number().check(z.int(), z.positive()),
  missing: z.array(
    z.object({ lineId: z.string(), sku: z.string(), quantity: z.number().check(z.int(), z.positive()) }),
  ),
});

/**
 * A Ready to Pick backorder merged back into its parent before picking (`mergeSiblings`): the
 * backorder (`mergedId`) is now `Merged` and holds nothing; `lines` are the parent's, which ship as
 * one shipment. The event is about the parent (`orderId`).
 */
export const ordersMergedDetail = z.object({
  ...orderRef,
  mergedId: z.string().check(z.minLength(1)),
  lines: z.array(lineSummary),
});

export const OUTGOING_DETAIL_SCHEMAS = {
  'Order Allocated': orderAllocatedDetail,
  'Order Awaiting Stock': orderAwaitingStockDetail,
  'Order Split': orderSplitDetail,
  'Backorder Fulfilled': backorderFulfilledDetail,
  'Order Rejected': orderRejectedDetail,
  'Allocation Changed': allocationChangedDetail,
  'Order Change Refused': orderChangeRefusedDetail,
  'Backorder Overdue': backorderOverdueDetail,
  'Orders Merged': ordersMergedDetail,
} as const;

export type OutgoingDetailType = keyof typeof OUTGOING_DETAIL_SCHEMAS;

export type OutgoingDetail<T extends OutgoingDetailType> = z.infer<(typeof OUTGOING_DETAIL_SCHEMAS)[T]>;

export type OutgoingEvent = {
  [T in OutgoingDetailType]: { detailType: T; detail: OutgoingDetail<T> };
}[OutgoingDetailType];
