import * as z from 'zod/mini';
import { HISTORY_ACTIONS } from '../domain/history.js';
import { policyConfigSchema } from '../domain/inputs.js';
import { ORDER_STATUSES } from '../domain/order.js';
import { STRATEGIES } from '../policy/policy.js';
import { described } from '../zod-mini.js';
import { policyLayerBody } from './policy-schemas.js';

/** Response bodies: what OpenAPI documents, and what the tests hold the handlers' answers to. */

const units = z.number().check(z.int(), z.nonnegative());
const status = z.enum(ORDER_STATUSES);

export const errorResponse = described(
  z.object({
    error: z.object({
      code: described(
        z.string(),
        'Machine-readable, e.g. `INVALID_INPUT`, `ORDER_NOT_FOUND`, `INVALID_TRANSITION`.',
      ),
      message: described(z.string(), 'For people.'),
      details: described(
        z.record(z.string(), z.unknown()),
        'What exactly was wrong, e.g. `issues` per field.',
      ),
    }),
  }),
  'Every refusal: a 4xx (or a 5xx) with this body; a refused request writes nothing.',
);

export const lineView = z.object({
  lineId: z.string(),
  sku: described(z.nullable(z.string()), '`null` for lines that hold no stock (gift cards, custom items).'),
  title: z.optional(z.string()),
  quantity: units,
  allocated: units,
  shortfall: described(units, 'Units still missing.'),
  shipped: z.optional(units),
  dropped: z.optional(units),
  queuePosition: described(
    z.optional(z.number().check(z.int(), z.positive())),
    "In lists of waiting orders: the order's place in this SKU's queue (1 is served next); absent beyond the first 1000.",
  ),
  kitLineId: described(z.optional(z.string()), "On a kit's component line: the kit line it belongs to."),
  kitSku: described(z.optional(z.string()), "On a kit's component line: the kit SKU."),
  expectedBy: described(
    z.optional(z.nullable(z.string())),
    "Waiting lines only: the ETA of the open inbound supply that covers the line's last missing unit when the SKU's queue at its warehouse is served in order (earlier orders take supply first); `null` when open supply does not cover it.",
  ),
});

export const kitLineView = described(
  z.object({
    lineId: described(z.string(), 'The kit line as ordered.'),
    sku: described(z.string(), 'The kit SKU.'),
    quantity: described(units, 'Kits ordered.'),
    kitsAllocated: described(units, 'Whole kits allocated: a kit line is allocated in whole kits only.'),
    components: z.array(
      z.object({
        lineId: described(z.string(), 'The component line in `lines`.'),
        sku: z.string(),
        perKit: described(units, 'Units of this component in one kit.'),
        quantity: units,
        allocated: units,
        shortfall: units,
      }),
    ),
  }),
  'A kit line with its components (DESIGN §14); stock is kept per component.',
);

export const orderSummaryView = z.object({
  orderId: z.string(),
  status,
  warehouseId: z.string(),
  channel: z.string(),
  channelOrderId: z.string(),
  customer: z.object({
    id: z.optional(z.string()),
    name: z.optional(z.string()),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
  }),
  createdAt: z.string(),
  priority: z.optional(z.number().check(z.int())),
  shipBy: z.optional(z.string()),
  strategy: described(
    z.optional(z.enum(STRATEGIES)),
    "The order's own confirmation strategy, when it set one; otherwise the policy's applies.",
  ),
  fillable: described(z.boolean(), 'Could be filled from stock now, waiting for a person to allocate it.'),
  parentId: z.optional(z.string()),
  backorderIds: z.array(z.string()),
  lines: z.array(lineView),
});

export const orderPageView = z.object({
  orders: z.array(orderSummaryView),
  cursor: described(z.optional(z.string()), 'Pass as `cursor` for the next page; absent on the last page.'),
});

const policyValues = z.required(policyLayerBody);

const historyView = z.object({
  version: z.number().check(z.int()),
  at: z.string(),
  actions: z.array(z.enum(HISTORY_ACTIONS)),
  reasons: z.array(z.string()),
  actor: z.object({ kind: z.enum(['system', 'channel', 'warehouse', 'person']), id: z.string() }),
  triggerEventId: z.string(),
  statusBefore: z.nullable(status),
  statusAfter: status,
  linesBefore: z.array(
    z.object({ lineId: z.string(), sku: z.nullable(z.string()), quantity: units, allocated: units }),
  ),
  linesAfter: z.array(
    z.object({ lineId: z.string(), sku: z.nullable(z.string()), quantity: units, allocated: units }),
  ),
  policy: described(
    z.optional(z.object({ values: policyValues, sources: z.record(z.string(), z.string()) })),
    'The policy in force and where each value came from.',
  ),
});

export const orderDetailView = z.object({
  order: z.extend(orderSummaryView, {
    notes: z.array(z.string()),
    splitDueAt: z.optional(z.string()),
    version: z.number().check(z.int()),
    kitLines: described(
      z.optional(z.array(kitLineView)),
      'Kit lines, when the order has any: each is held as its component lines in `lines`.',
    ),
    allocations: z.array(
      z.object({ lineId: z.string(), sku: z.string(), warehouseId: z.string(), allocated: units }),
    ),
  }),
  family: z.object({
    rootOrderId: z.string(),
    parent: described(z.nullable(orderSummaryView), 'The order this one was split from.'),
    backorders: described(z.array(orderSummaryView), 'The backorders split from this one.'),
    members: described(z.array(orderSummaryView), 'Every order of the split family, this one included.'),
  }),
  history: described(z.array(historyView), 'Every decision about this order, oldest first; never edited.'),
});

export const actResultView = z.object({
  status: described(z.enum(['applied', 'duplicate']), '`duplicate`: the Idempotency-Key was used before.'),
  orders: described(
    z.optional(z.array(z.object({ orderId: z.string(), status }))),
    'Every order it changed.',
  ),
});

const levelFigures = z.object({ onHand: units, allocated: units, available: units });

export const dryRunView = z.object({
  dryRun: z.literal(true),
  explanation: described(z.array(z.string()), 'Where each unit would go and why, order by order.'),
  orders: z.array(
    z.object({
      orderId: z.string(),
      statusBefore: z.nullable(status),
      statusAfter: status,
      lines: z.array(lineView),
    }),
  ),
  stock: z.array(
    z.object({ warehouseId: z.string(), sku: z.string(), before: levelFigures, after: levelFigures }),
  ),
  events: z.array(z.object({ detailType: z.string(), orderId: z.string() })),
});

export const stockView = z.object({
  sku: z.string(),
  levels: z.array(z.extend(levelFigures, { warehouseId: z.string() })),
  total: levelFigures,
});

export const inboundView = z.object({
  sku: z.string(),
  inbound: described(
    z.array(
      z.object({
        inboundId: z.string(),
        warehouseId: z.string(),
        quantity: described(units, 'Units expected in all.'),
        received: described(units, 'Units received by receipts naming this line.'),
        outstanding: described(units, 'Units still to come.'),
        eta: z.string(),
        updatedAt: described(z.optional(z.string()), 'The version of the latest change applied.'),
      }),
    ),
    'Open lines only (a line fully received or set to 0 is closed), soonest first.',
  ),
  total: described(units, 'Units still to come, in all.'),
});

export const policiesView = z.object({
  defaults: described(policyValues, 'The service defaults beneath every layer.'),
  config: described(policyConfigSchema, 'The tenant, channel and SKU layers, applied in that order.'),
  version: described(z.number().check(z.int()), 'Incremented on every change.'),
});

export const warehouseResultView = z.extend(actResultView, {
  status: described(
    z.enum(['applied', 'duplicate', 'stale']),
    '`duplicate`: the Idempotency-Key was used before; `stale`: an inbound change older than the one stored, ignored.',
  ),
  inboundId: z.optional(z.string()),
});

export const webhookResultView = z.object({
  status: z.enum(['accepted', 'duplicate', 'ping']),
  orderId: z.optional(z.string()),
});
