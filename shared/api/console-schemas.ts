import * as z from 'zod';
import { idSchema, reasonSchema } from '../domain/inputs.js';
import { ORDER_STATUSES } from '../domain/order.js';
import { BULK_ACTS } from '../use-cases/bulk-acts.js';
import { dryRunView, errorResponse } from './response-schemas.js';

/** The console's routes: one act on a selection of orders, and the summary counts (DESIGN §7). */

/** Orders one bulk request may name: each is decided and committed on its own, one after another. */
export const MAX_BULK_ORDERS = 50;

export const bulkActBody = z
  .object({
    act: z
      .enum(BULK_ACTS)
      .describe('`allocate` gives each order every unit it is short, from available stock, or refuses it.'),
    orderIds: z
      .array(idSchema)
      .min(1)
      .max(MAX_BULK_ORDERS)
      .refine((ids) => new Set(ids).size === ids.length, 'each order may be named once')
      .describe(`The orders, 1 to ${MAX_BULK_ORDERS}, acted on in this order.`),
    reason: reasonSchema.describe('Why: recorded in each order history with who did it.'),
    dryRun: z
      .boolean()
      .optional()
      .describe('`true`: explain what the act would do to each order (as if alone); commit nothing.'),
  })
  .strict();

const status = z.enum(ORDER_STATUSES);
const { dryRun: _flag, ...dryRunFields } = dryRunView.shape;

export const bulkResultView = z.discriminatedUnion('outcome', [
  z.object({
    orderId: z.string(),
    outcome: z.literal('applied'),
    orders: z.array(z.object({ orderId: z.string(), status })).describe('Every order the act changed.'),
  }),
  z.object({
    orderId: z.string(),
    outcome: z.literal('duplicate').describe('The Idempotency-Key was used before for this order.'),
  }),
  z.object({ orderId: z.string(), outcome: z.literal('dryRun'), ...dryRunFields }),
  z.object({
    orderId: z.string(),
    outcome: z.literal('refused'),
    status: z.number().int().describe('The HTTP status the act on this order alone would have had.'),
    ...errorResponse.shape,
  }),
]);

export const bulkActView = z.object({
  act: z.enum(BULK_ACTS),
  dryRun: z.boolean(),
  results: z.array(bulkResultView).describe('One per order, in the order asked.'),
  counts: z.object({
    applied: z.number().int(),
    refused: z.number().int(),
    duplicate: z.number().int(),
    dryRun: z.number().int(),
  }),
});

export const summaryQuery = z
  .object({ warehouse: idSchema.optional().describe('Only this warehouse; every warehouse if absent.') })
  .strict();

const count = z.number().int().nonnegative();

export const summaryView = z.object({
  warehouseId: z.string().optional(),
  asOf: z.string().describe('When the counts were read.'),
  waitingOrders: count.describe('Orders Awaiting Stock.'),
  fillableNow: count.describe('Waiting orders that could be filled from stock now (the review queue).'),
  readyToPick: count.describe('Orders Ready to Pick.'),
  oldestWaiting: z
    .object({ orderId: z.string(), createdAt: z.string(), ageSeconds: count })
    .optional()
    .describe('The longest-waiting order; absent when none waits.'),
  shortBySku: z
    .array(z.object({ warehouseId: z.string(), sku: z.string(), units: count, orders: count }))
    .describe('Units the waiting orders are short of, per SKU and warehouse, most first.'),
});
