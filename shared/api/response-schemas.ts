import * as z from 'zod';
import { HISTORY_ACTIONS } from '../domain/history.js';
import { policyConfigSchema } from '../domain/inputs.js';
import { ORDER_STATUSES } from '../domain/order.js';
import { STRATEGIES } from '../policy/policy.js';
import { policyLayerBody } from './policy-schemas.js';

/** Response bodies: what OpenAPI documents, and what the tests hold the handlers' answers to. */

const units = z.number().int().nonnegative();
const status = z.enum(ORDER_STATUSES);

export const errorResponse = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe('Machine-readable, e.g. `INVALID_INPUT`, `ORDER_NOT_FOUND`, `INVALID_TRANSITION`.'),
      message: z.string().describe('For people.'),
      details: z.record(z.string(), z.unknown()).describe('What exactly was wrong, e.g. `issues` per field.'),
    }),
  })
  .describe('Every refusal: a 4xx (or a 5xx) with this body; a refused request writes nothing.');

export const lineView = z.object({
  lineId: z.string(),
  sku: z.string().nullable().describe('`null` for lines that hold no stock (gift cards, custom items).'),
  title: z.string().optional(),
  quantity: units,
  allocated: units,
  shortfall: units.describe('Units still missing.'),
  shipped: units.optional(),
  dropped: units.optional(),
  queuePosition: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      "In lists of waiting orders: the order's place in this SKU's queue (1 is served next); absent beyond the first 1000.",
    ),
  kitLineId: z.string().optional().describe("On a kit's component line: the kit line it belongs to."),
  kitSku: z.string().optional().describe("On a kit's component line: the kit SKU."),
  expectedBy: z
    .string()
    .nullable()
    .optional()
    .describe(
      "Waiting lines only: the ETA of the open inbound supply that covers the line's last missing unit when the SKU's queue at its warehouse is served in order (earlier orders take supply first); `null` when open supply does not cover it.",
    ),
});

export const kitLineView = z
  .object({
    lineId: z.string().describe('The kit line as ordered.'),
    sku: z.string().describe('The kit SKU.'),
    quantity: units.describe('Kits ordered.'),
    kitsAllocated: units.describe('Whole kits allocated: a kit line is allocated in whole kits only.'),
    components: z.array(
      z.object({
        lineId: z.string().describe('The component line in `lines`.'),
        sku: z.string(),
        perKit: units.describe('Units of this component in one kit.'),
        quantity: units,
        allocated: units,
        shortfall: units,
      }),
    ),
  })
  .describe('A kit line with its components (DESIGN §14); stock is kept per component.');

export const orderSummaryView = z.object({
  orderId: z.string(),
  status,
  warehouseId: z.string(),
  channel: z.string(),
  channelOrderId: z.string(),
  customer: z.object({
    id: z.string().optional(),
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  createdAt: z.string(),
  priority: z.number().int().optional(),
  shipBy: z.string().optional(),
  strategy: z
    .enum(STRATEGIES)
    .optional()
    .describe("The order's own confirmation strategy, when it set one; otherwise the policy's applies."),
  fillable: z.boolean().describe('Could be filled from stock now, waiting for a person to allocate it.'),
  parentId: z.string().optional(),
  backorderIds: z.array(z.string()),
  lines: z.array(lineView),
});

export const orderPageView = z.object({
  orders: z.array(orderSummaryView),
  cursor: z.string().optional().describe('Pass as `cursor` for the next page; absent on the last page.'),
});

const policyValues = policyLayerBody.required();

const historyView = z.object({
  version: z.number().int(),
  at: z.string(),
  actions: z.array(z.enum(HISTORY_ACTIONS)),
  reasons: z.array(z.string()),
  actor: z.object({ kind: z.enum(['system', 'channel', 'warehouse', 'person']), id: z.string() }),
  triggerEventId: z.string(),
  statusBefore: status.nullable(),
  statusAfter: status,
  linesBefore: z.array(
    z.object({ lineId: z.string(), sku: z.string().nullable(), quantity: units, allocated: units }),
  ),
  linesAfter: z.array(
    z.object({ lineId: z.string(), sku: z.string().nullable(), quantity: units, allocated: units }),
  ),
  policy: z
    .object({ values: policyValues, sources: z.record(z.string(), z.string()) })
    .optional()
    .describe('The policy in force and where each value came from.'),
});

export const orderDetailView = z.object({
  order: orderSummaryView.extend({
    notes: z.array(z.string()),
    splitDueAt: z.string().optional(),
    version: z.number().int(),
    kitLines: z
      .array(kitLineView)
      .optional()
      .describe('Kit lines, when the order has any: each is held as its component lines in `lines`.'),
    allocations: z.array(
      z.object({ lineId: z.string(), sku: z.string(), warehouseId: z.string(), allocated: units }),
    ),
  }),
  family: z.object({
    rootOrderId: z.string(),
    parent: orderSummaryView.nullable().describe('The order this one was split from.'),
    backorders: z.array(orderSummaryView).describe('The backorders split from this one.'),
    members: z.array(orderSummaryView).describe('Every order of the split family, this one included.'),
  }),
  history: z.array(historyView).describe('Every decision about this order, oldest first; never edited.'),
});

export const actResultView = z.object({
  status: z.enum(['applied', 'duplicate']).describe('`duplicate`: the Idempotency-Key was used before.'),
  orders: z
    .array(z.object({ orderId: z.string(), status }))
    .optional()
    .describe('Every order it changed.'),
});

const levelFigures = z.object({ onHand: units, allocated: units, available: units });

export const dryRunView = z.object({
  dryRun: z.literal(true),
  explanation: z.array(z.string()).describe('Where each unit would go and why, order by order.'),
  orders: z.array(
    z.object({
      orderId: z.string(),
      statusBefore: status.nullable(),
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
  levels: z.array(levelFigures.extend({ warehouseId: z.string() })),
  total: levelFigures,
});

export const inboundView = z.object({
  sku: z.string(),
  inbound: z
    .array(
      z.object({
        inboundId: z.string(),
        warehouseId: z.string(),
        quantity: units.describe('Units expected in all.'),
        received: units.describe('Units received by receipts naming this line.'),
        outstanding: units.describe('Units still to come.'),
        eta: z.string(),
        updatedAt: z.string().optional().describe('The version of the latest change applied.'),
      }),
    )
    .describe('Open lines only (a line fully received or set to 0 is closed), soonest first.'),
  total: units.describe('Units still to come, in all.'),
});

export const policiesView = z.object({
  defaults: policyValues.describe('The service defaults beneath every layer.'),
  config: policyConfigSchema.describe('The tenant, channel and SKU layers, applied in that order.'),
  version: z.number().int().describe('Incremented on every change.'),
});

export const warehouseResultView = actResultView.extend({
  status: z
    .enum(['applied', 'duplicate', 'stale'])
    .describe(
      '`duplicate`: the Idempotency-Key was used before; `stale`: an inbound change older than the one stored, ignored.',
    ),
  inboundId: z.string().optional(),
});

export const webhookResultView = z.object({
  status: z.enum(['accepted', 'duplicate', 'ping']),
  orderId: z.string().optional(),
});
