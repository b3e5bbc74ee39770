import * as z from 'zod';
import { LIMITS } from '../limits.js';
import { ALLOCATION_MODES, STRATEGIES } from '../policy/policy.js';
import { InvalidInputError } from './errors.js';

/** Whole units, more than zero. */
export const quantitySchema = z.number().int().positive().max(LIMITS.quantity);
export const idSchema = z.string().trim().min(1).max(LIMITS.idLength);
/** An inbound line's units in all: 0 closes it. */
export const inboundQuantitySchema = z.number().int().nonnegative().max(LIMITS.quantity);
/** The sender's version of an inbound line, in UTC with milliseconds so that text order is time order. */
export const inboundVersionSchema = z.iso
  .datetime({ offset: true })
  .transform((time) => new Date(time).toISOString())
  .optional()
  .describe(
    'When the sender changed the line; a change older than the stored one is ignored. Without it, the change applies only to a line that has no version either.',
  );
const skuSchema = z.string().trim().min(1, 'SKU must not be empty').max(LIMITS.idLength);
const isoTimeSchema = z.iso.datetime({ offset: true });

const uniqueBy =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value))
        ctx.addIssue({ code: 'custom', message: `Duplicate ${what} ${value}`, path: [index] });
      seen.add(value);
    });
  };

const policyLayerSchema = z
  .object({
    onShortage: z.enum(['reject', 'dropShort', 'holdAll', 'holdPartial', 'split']),
    splitDelayDays: z.number().int().min(0).max(365),
    autoAllocate: z.boolean(),
    reserveWhileWaiting: z.boolean(),
    priority: z.enum(['fifo', 'shipBy', 'priorityThenFifo']),
    splitSupported: z.boolean(),
    minimumFill: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('percent'), value: z.number().min(0).max(100) }),
        z.object({ kind: z.literal('units'), value: z.number().int().min(0) }),
      ])
      .nullable(),
    autoCancelAfterDays: z.number().int().positive().max(3650).nullable(),
    escalateAfterDays: z.number().int().positive().max(3650).nullable(),
    strategy: z.enum(STRATEGIES),
    allocationMode: z.enum(ALLOCATION_MODES),
    mergeSiblings: z.boolean(),
    maxShipments: z.number().int().positive().max(100).nullable(),
  })
  .partial()
  .strict();

export const policyConfigSchema = z
  .object({
    tenant: policyLayerSchema.optional(),
    channels: z.record(idSchema, policyLayerSchema).optional(),
    skus: z.record(skuSchema, policyLayerSchema).optional(),
  })
  .strict();

/** Backorders are named `<parentId>-BO<n>`, so channel orders may not end that way. */
const BACKORDER_ID = /-BO\d+$/;

export const incomingOrderSchema = z.object({
  orderId: idSchema.refine(
    (id) => !BACKORDER_ID.test(id),
    'order ids ending in -BO<n> are reserved for backorders',
  ),
  warehouseId: idSchema,
  channel: idSchema,
  channelOrderId: idSchema,
  customer: z
    .object({
      id: z.string().optional(),
      name: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
    })
    .default({}),
  createdAt: isoTimeSchema,
  priority: z.number().int().min(-999_999_999).max(999_999_999).optional(),
  shipBy: isoTimeSchema.optional(),
  lines: z
    .array(
      z.object({
        lineId: idSchema,
        /** `null` for lines that are not stock-managed. */
        sku: skuSchema.nullable(),
        quantity: quantitySchema,
        title: z.string().max(500).optional(),
      }),
    )
    .min(1)
    .max(LIMITS.orderLines)
    .superRefine(uniqueBy((line) => line.lineId, 'line id')),
  policyOverride: policyLayerSchema.optional(),
  notes: z.array(z.string()).default([]),
  /** The channel's own version of the order as sent (DESIGN §10), ISO UTC. */
  channelVersion: isoTimeSchema.optional(),
});
export type IncomingOrder = z.input<typeof incomingOrderSchema>;

export const stockLinesSchema = z
  .array(
    z.object({
      sku: skuSchema,
      quantity: quantitySchema,
      inboundId: idSchema
        .optional()
        .describe(
          'The inbound line (of this SKU and warehouse) this stock arrived against: its outstanding quantity falls.',
        ),
    }),
  )
  .min(1)
  .max(LIMITS.stockLines)
  .superRefine(uniqueBy((line) => line.sku, 'SKU'));

export const adjustmentLinesSchema = z
  .array(
    z.object({
      sku: skuSchema,
      /** Signed change to on-hand stock. */
      delta: z
        .number()
        .int()
        .min(-LIMITS.adjustmentDelta)
        .max(LIMITS.adjustmentDelta)
        .refine((delta) => delta !== 0, 'delta must not be zero'),
    }),
  )
  .min(1)
  .max(LIMITS.stockLines)
  .superRefine(uniqueBy((line) => line.sku, 'SKU'));

export const lineQuantitiesSchema = z
  .array(z.object({ lineId: idSchema, quantity: quantitySchema }))
  .min(1)
  .superRefine(uniqueBy((line) => line.lineId, 'line id'));

export const dispatchLinesSchema = z
  .array(z.object({ lineId: idSchema, quantity: z.number().int().min(0) }))
  .superRefine(uniqueBy((line) => line.lineId, 'line id'));

export const reasonSchema = z.string().trim().min(1, 'a reason is required').max(1000);

/** Parses engine input, turning any problem into one typed error that lists every issue. */
export const parseInput = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidInputError(`Invalid ${what}`, {
    issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  });
};
