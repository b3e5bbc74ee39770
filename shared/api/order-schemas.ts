import * as z from 'zod/mini';
import { idSchema, lineQuantitiesSchema, reasonSchema } from '../domain/inputs.js';
import { ORDER_STATUSES } from '../domain/order.js';
import { STRATEGIES } from '../policy/policy.js';
import { described } from '../zod-mini.js';
import { booleanParam, idParam, wholeNumberParam } from './query-params.js';

/** Requests of the operator's order routes: what the handlers validate, and what OpenAPI documents. */

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

export const orderListQuery = z.strictObject({
  status: described(z.optional(z.enum(ORDER_STATUSES)), 'Orders in this status; default `AwaitingStock`.'),
  sku: described(z.optional(idSchema), 'Orders with a line of this SKU.'),
  channel: described(z.optional(idSchema), 'Orders from this channel.'),
  customer: described(
    z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(320))),
    'Orders whose customer id or email is this (any case), or whose name contains it.',
  ),
  warehouse: described(z.optional(idSchema), 'Orders fulfilled from this warehouse.'),
  olderThanDays: described(
    z.optional(wholeNumberParam(0, 3650)),
    'Orders created more than this many days ago.',
  ),
  fillable: described(
    z.optional(booleanParam),
    '`true`: the manual-review queue, waiting orders that could be filled from stock now.',
  ),
  sort: described(
    z.optional(z.enum(['oldest', 'newest'])),
    '`oldest` first (default: the longest waiting lead the queue) or `newest` first.',
  ),
  limit: described(
    z.optional(wholeNumberParam(1, MAX_PAGE_SIZE)),
    `Orders per page, 1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.`,
  ),
  cursor: described(
    z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
    'The `cursor` of the previous page, with the same filters; opaque.',
  ),
});

export const orderPath = z.strictObject({ orderId: described(idParam, 'The order id.') });

export const actQuery = z.strictObject({
  dryRun: described(
    z.optional(booleanParam),
    '`true`: explain what the act would do, where each unit would go and why; commit nothing.',
  ),
});

export const reasonBody = z.strictObject({
  reason: described(reasonSchema, 'Why: recorded in the order history with who did it.'),
});

export const strategyBody = z.strictObject({
  strategy: described(
    z.enum(STRATEGIES),
    'The confirmation strategy this order keeps from now on, overriding the policy (DESIGN §14).',
  ),
  reason: described(reasonSchema, 'Why: recorded in the order history with who did it.'),
});

export const allocateBody = z.strictObject({
  lines: described(lineQuantitiesSchema, 'Units of available stock to give each line.'),
  reason: described(reasonSchema, 'Why: recorded in the order history with who did it.'),
});
