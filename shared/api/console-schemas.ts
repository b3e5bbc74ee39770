import * as z from 'zod/mini';
import { idSchema, reasonSchema } from '../domain/inputs.js';
import { BULK_ACTS } from '../use-cases/bulk-acts.js';
import { described } from '../zod-mini.js';

/**
 * Requests of the console's routes: one act on a selection of orders, and the summary counts
 * (DESIGN §7). Their answers are in `console-responses.ts`.
 */

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

export const summaryQuery = z.strictObject({
  warehouse: described(z.optional(idSchema), 'Only this warehouse; every warehouse if absent.'),
});
