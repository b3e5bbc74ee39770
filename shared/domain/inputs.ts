import * as z from 'zod/mini';
import type { $RefinementCtx } from 'zod/v4/core';
import { LIMITS } from '../limits.js';
import { ALLOCATION_MODES, STRATEGIES } from '../policy/policy.js';
import { described } from '../zod-mini.js';
import { InvalidInputError } from './errors.js';

/** Whole units, more than zero. */
export const quantitySchema = z.number().check(z.int(), z.positive(), z.lte(LIMITS.quantity));
export const idSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.idLength));
/** An inbound line's units in all: 0 closes it. */
export const inboundQuantitySchema = z.number().check(z.int(), z.nonnegative(), z.lte(LIMITS.quantity));
/** The sender's version of an inbound line, in UTC with milliseconds so that text order is time order. */
export const inboundVersionSchema = described(
  z.optional(
    z.pipe(
      z.iso.datetime({ offset: true }),
      z.transform((time: string) => new Date(time).toISOString()),
    ),
  ),
  'When the sender changed the line; a change older than the stored one is ignored. Without it, the change applies only to a line that has no version either.',
);
const skuSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'SKU must not be empty'), z.maxLength(LIMITS.idLength));
const isoTimeSchema = z.iso.datetime({ offset: true });

const uniqueBy =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], ctx: $RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value))
        ctx.addIssue({ code: 'custom', message: `Duplicate ${what} ${value}`, path: [index] });
      seen.add(value);
    });
  };

const positiveWhole = (max: number) => z.number().check(z.int(), z.positive(), z.lte(max));

/** One layer of policy settings (tenant, channel or SKU); settings left out come from below. */
export const policyLayerSchema = z.partial(
  z.strictObject({
    onShortage: z.enum(['reject', 'dropShort', 'holdAll', 'holdPartial', 'split']),
    splitDelayDays: z.number().check(z.int(), z.gte(0), z.lte(365)),
    autoAllocate: z.boolean(),
    reserveWhileWaiting: z.boolean(),
    priority: z.enum(['fifo', 'shipBy', 'priorityThenFifo']),
    splitSupported: z.boolean(),
    minimumFill: z.nullable(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('percent'), value: z.number().check(z.gte(0), z.lte(100)) }),
        z.object({ kind: z.literal('units'), value: z.number().check(z.int(), z.gte(0)) }),
      ]),
    ),
    autoCancelAfterDays: z.nullable(positiveWhole(3650)),
    escalateAfterDays: z.nullable(positiveWhole(3650)),
    strategy: z.enum(STRATEGIES),
    allocationMode: z.enum(ALLOCATION_MODES),
    mergeSiblings: z.boolean(),
    maxShipments: z.nullable(positiveWhole(100)),
  }),
);

export const policyConfigSchema = z.strictObject({
  tenant: z.optional(policyLayerSchema),
  channels: z.optional(z.record(idSchema, policyLayerSchema)),
  skus: z.optional(z.record(skuSchema, policyLayerSchema)),
});

/** Backorders are named `<parentId>-BO<n>`, so channel orders may not end that way. */
const BACKORDER_ID = /-BO\d+$/;

export const incomingOrderSchema = z.object({
  orderId: idSchema.check(
    z.refine((id) => !BACKORDER_ID.test(id), 'order ids ending in -BO<n> are reserved for backorders'),
  ),
  warehouseId: idSchema,
  channel: idSchema,
  channelOrderId: idSchema,
  customer: z._default(
    z.object({
      id: z.optional(z.string()),
      name: z.optional(z.string()),
      email: z.optional(z.string()),
      phone: z.optional(z.string()),
    }),
    {},
  ),
  createdAt: isoTimeSchema,
  priority: z.optional(z.number().check(z.int(), z.gte(-999_999_999), z.lte(999_999_999))),
  shipBy: z.optional(isoTimeSchema),
  lines: z
    .array(
      z.object({
        lineId: idSchema,
        /** `null` for lines that are not stock-managed. */
        sku: z.nullable(skuSchema),
        quantity: quantitySchema,
        title: z.optional(z.string().check(z.maxLength(500))),
      }),
    )
    .check(
      z.minLength(1),
      z.maxLength(LIMITS.orderLines),
      z.superRefine(uniqueBy((line) => line.lineId, 'line id')),
    ),
  policyOverride: z.optional(policyLayerSchema),
  notes: z._default(z.array(z.string()), []),
  /** The channel's own version of the order as sent (DESIGN §10), ISO UTC. */
  channelVersion: z.optional(isoTimeSchema),
});
export type IncomingOrder = z.input<typeof incomingOrderSchema>;

export const stockLinesSchema = z
  .array(
    z.object({
      sku: skuSchema,
      quantity: quantitySchema,
      inboundId: described(
        z.optional(idSchema),
        'The inbound line (of this SKU and warehouse) this stock arrived against: its outstanding quantity falls.',
      ),
    }),
  )
  .check(z.minLength(1), z.maxLength(LIMITS.stockLines), z.superRefine(uniqueBy((line) => line.sku, 'SKU')));

export const adjustmentLinesSchema = z
  .array(
    z.object({
      sku: skuSchema,
      /** Signed change to on-hand stock. */
      delta: z.number().check(
        z.int(),
        z.gte(-LIMITS.adjustmentDelta),
        z.lte(LIMITS.adjustmentDelta),
        z.refine((delta) => delta !== 0, 'delta must not be zero'),
      ),
    }),
  )
  .check(z.minLength(1), z.maxLength(LIMITS.stockLines), z.superRefine(uniqueBy((line) => line.sku, 'SKU')));

export const lineQuantitiesSchema = z
  .array(z.object({ lineId: idSchema, quantity: quantitySchema }))
  .check(z.minLength(1), z.superRefine(uniqueBy((line) => line.lineId, 'line id')));

export const dispatchLinesSchema = z
  .array(z.object({ lineId: idSchema, quantity: z.number().check(z.int(), z.gte(0)) }))
  .check(z.superRefine(uniqueBy((line) => line.lineId, 'line id')));

export const reasonSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'a reason is required'), z.maxLength(1000));

/** Parses engine input, turning any problem into one typed error that lists every issue. */
export const parseInput = <S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidInputError(`Invalid ${what}`, {
    issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  });
};
