import * as z from 'zod/mini';
import { ORDER_STATUSES } from '../domain/order.js';
import { BULK_ACTS } from '../use-cases/bulk-acts.js';
import { described } from '../zod-mini.js';
import { dryRunView, errorResponse } from './response-schemas.js';

/**
 * What the console's routes answer: what OpenAPI documents, and what the tests hold the handlers'
 * answers to. Apart from the requests, so that the operator API bundles none of it.
 */

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
