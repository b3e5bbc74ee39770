import * as z from 'zod/mini';
import { idSchema, reasonSchema } from '../domain/inputs.js';
import { ORDER_STATUSES } from '../domain/order.js';
import { BULK_ACTS } from '../use-cases/bulk-acts.js';
import { described } from '../zod-mini.js';
import { dryRunView, errorResponse } from './response-schemas.js';

/** The console's routes: one act on a selection of orders, and the summary counts (DESIGN §7). */

/** Orders one bulk request may name: each is decided and committed on its own, one after another. */
export const MAX_BULK_ORDERS = 50;

export const bulkActBody = z.strictObject({
  act: described(
    z.enum(BULK_ACTS),
    '`allocate` gives each order every unit it is short, from available stock, or refuses it.',
  ),
  orderIds: described(
    z.array(idSchema).check(
      z.minLength(1),
      z.maxLength(MAX_BULK_ORDERS),
      z.refine((ids) => new Set(ids).size === ids.length, 'each order may be named once'),
    ),
    `The orders, 1 to ${MAX_BULK_ORDERS}, acted on in this order.`,
  ),
  reason: described(reasonSchema, 'Why: recorded in each order history with who did it.'),
  dryRun: described(
    z.optional(z.boolean()),
    '`true`: explain what the act would do to each order (as if alone); commit nothing.',
  ),
});

const status = z.enum(ORDER_STATUSES);
const { dryRun: _flag, ...dryRunFields } = dryRunView.shape;

export const bulkResultView = z.discriminatedUnion('outcome', [
  z.object({
    orderId: z.string(),
    outcome: z.literal('applied'),
    orders: described(z.array(z.object({ orderId: z.string(), status })), 'Every order the act changed.'),
  }),
  z.object({
    orderId: z.string(),
    outcome: described(z.literal('duplicate'), 'The Idempotency-Key was used before for this order.'),
  }),
  z.object({ orderId: z.string(), outcome: z.literal('dryRun'), ...dryRunFields }),
  z.object({
    orderId: z.string(),
    outcome: z.literal('refused'),
    status: described(
      z.number().check(z.int()),
      'The HTTP status the act on this order alone would have had.',
    ),
    ...errorResponse.shape,
  }),
]);

export const bulkActView = z.object({
  act: z.enum(BULK_ACTS),
  dryRun: z.boolean(),
  results: described(z.array(bulkResultView), 'One per order, in the order asked.'),
  counts: z.object({
    applied: z.number().check(z.int()),
    refused: z.number().check(z.int()),
    duplicate: z.number().check(z.int()),
    dryRun: z.number().check(z.int()),
  }),
});

export const summaryQuery = z.strictObject({
  warehouse: described(z.optional(idSchema), 'Only this warehouse; every warehouse if absent.'),
});

const count = z.number().check(z.int(), z.nonnegative());

export const summaryView = z.object({
  warehouseId: z.optional(z.string()),
  asOf: described(z.string(), 'When the counts were read.'),
  waitingOrders: described(count, 'Orders Awaiting Stock.'),
  fillableNow: described(count, 'Waiting orders that could be filled from stock now (the review queue).'),
  readyToPick: described(count, 'Orders Ready to Pick.'),
  oldestWaiting: described(
    z.optional(z.object({ orderId: z.string(), createdAt: z.string(), ageSeconds: count })),
    'The longest-waiting order; absent when none waits.',
  ),
  shortBySku: described(
    z.array(z.object({ warehouseId: z.string(), sku: z.string(), units: count, orders: count })),
    'Units the waiting orders are short of, per SKU and warehouse, most first.',
  ),
});
