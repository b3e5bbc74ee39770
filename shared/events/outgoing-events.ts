import * as z from 'zod';

/** Version of the outgoing event contracts; bumped on any breaking change to a detail schema. */
export const OUTGOING_SCHEMA_VERSION = 1 as const;

const lineSummary = z.object({
  lineId: z.string(),
  sku: z.string().nullable(),
  quantity: z.number().int().nonnegative(),
  allocated: z.number().int().nonnegative(),
});

const orderRef = {
  schemaVersion: z.literal(OUTGOING_SCHEMA_VERSION),
  tenantId: z.string().min(1),
  eventId: z.string().min(1),
  /** The event that caused this one. */
  causationId: z.string().min(1),
  occurredAt: z.string(),
  orderId: z.string().min(1),
  channel: z.string(),
  channelOrderId: z.string(),
  warehouseId: z.string(),
};

export const orderAllocatedDetail = z.object({ ...orderRef, lines: z.array(lineSummary) });

export const orderAwaitingStockDetail = z.object({
  ...orderRef,
  lines: z.array(lineSummary),
  missing: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity: z.number().int().positive() })),
});

export const orderSplitDetail = z.object({
  ...orderRef,
  backorderId: z.string().min(1),
  shipping: z.array(lineSummary),
  backordered: z.array(lineSummary),
});

export const backorderFulfilledDetail = z.object({
  ...orderRef,
  parentId: z.string().optional(),
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
      before: z.number().int().nonnegative(),
      after: z.number().int().nonnegative(),
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
      sku: z.string().nullable(),
      before: z.number().int().nonnegative(),
      after: z.number().int().nonnegative(),
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
  parentId: z.string().optional(),
  /** When the wait started: the split for a backorder, the order's creation otherwise. */
  waitingSince: z.string(),
  /** Whole days waited when announced. */
  daysWaiting: z.number().int().nonnegative(),
  escalateAfterDays: z.number().int().positive(),
  missing: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity: z.number().int().positive() })),
});

/**
 * A Ready to Pick backorder merged back into its parent before picking (`mergeSiblings`): the
 * backorder (`mergedId`) is now `Merged` and holds nothing; `lines` are the parent's, which ship as
 * one shipment. The event is about the parent (`orderId`).
 */
export const ordersMergedDetail = z.object({
  ...orderRef,
  mergedId: z.string().min(1),
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
