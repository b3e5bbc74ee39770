import * as z from 'zod';
import { idSchema, lineQuantitiesSchema, reasonSchema } from '../domain/inputs.js';
import { ORDER_STATUSES } from '../domain/order.js';
import { STRATEGIES } from '../policy/policy.js';
import { booleanParam, idParam, wholeNumberParam } from './query-params.js';

/** Requests of the operator's order routes: what the handlers validate, and what OpenAPI documents. */

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

export const orderListQuery = z
  .object({
    status: z.enum(ORDER_STATUSES).optional().describe('Orders in this status; default `AwaitingStock`.'),
    sku: idSchema.optional().describe('Orders with a line of this SKU.'),
    channel: idSchema.optional().describe('Orders from this channel.'),
    customer: z
      .string()
      .trim()
      .min(1)
      .max(320)
      .optional()
      .describe('Orders whose customer id or email is this (any case), or whose name contains it.'),
    warehouse: idSchema.optional().describe('Orders fulfilled from this warehouse.'),
    olderThanDays: wholeNumberParam(0, 3650)
      .optional()
      .describe('Orders created more than this many days ago.'),
    fillable: booleanParam
      .optional()
      .describe('`true`: the manual-review queue, waiting orders that could be filled from stock now.'),
    sort: z
      .enum(['oldest', 'newest'])
      .optional()
      .describe('`oldest` first (default: the longest waiting lead the queue) or `newest` first.'),
    limit: wholeNumberParam(1, MAX_PAGE_SIZE)
      .optional()
      .describe(`Orders per page, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.`),
    cursor: z
      .string()
      .min(1)
      .max(2048)
      .optional()
      .describe('The `cursor` of the previous page, with the same filters; opaque.'),
  })
  .strict();

export const orderPath = z.object({ orderId: idParam.describe('The order id.') }).strict();

export const actQuery = z
  .object({
    dryRun: booleanParam
      .optional()
      .describe('`true`: explain what the act would do, where each unit would go and why; commit nothing.'),
  })
  .strict();

export const reasonBody = z
  .object({ reason: reasonSchema.describe('Why: recorded in the order history with who did it.') })
  .strict();

export const strategyBody = z
  .object({
    strategy: z
      .enum(STRATEGIES)
      .describe(
        'The confirmation strategy this order keeps from now on, overriding the policy (DESIGN §14).',
      ),
    reason: reasonSchema.describe('Why: recorded in the order history with who did it.'),
  })
  .strict();

export const allocateBody = z
  .object({
    lines: lineQuantitiesSchema.describe('Units of available stock to give each line.'),
    reason: reasonSchema.describe('Why: recorded in the order history with who did it.'),
  })
  .strict();
