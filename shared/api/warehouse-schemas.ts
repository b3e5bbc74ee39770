import * as z from 'zod';
import {
  adjustmentLinesSchema,
  dispatchLinesSchema,
  idSchema,
  inboundQuantitySchema,
  inboundVersionSchema,
  stockLinesSchema,
} from '../domain/inputs.js';

/** Request bodies of the warehouse routes: what the handlers validate, and what OpenAPI documents. */

export const receiptBody = z
  .object({ receiptId: idSchema, warehouseId: idSchema, lines: stockLinesSchema })
  .strict()
  .describe('Stock that arrived. The receipt id makes a repeated receipt change nothing.');

export const adjustmentBody = z
  .object({
    adjustmentId: idSchema,
    warehouseId: idSchema,
    lines: adjustmentLinesSchema,
    reason: z.string().max(1000).optional(),
  })
  .strict()
  .describe(
    'Signed changes to on-hand stock (a count, damage, a find). The adjustment id makes a repeat change nothing.',
  );

export const inboundBody = z
  .object({
    inboundId: idSchema,
    warehouseId: idSchema,
    sku: idSchema,
    quantity: inboundQuantitySchema.describe(
      'Units expected in all (receipts naming the line count against it); 0 closes the line.',
    ),
    eta: z.iso.datetime({ offset: true }),
    updatedAt: inboundVersionSchema,
  })
  .strict()
  .describe(
    'Expected supply (a purchase order or ASN line), created or changed. A change older than the one stored (`updatedAt`) is ignored and answered `stale`.',
  );

export const dispatchBody = z
  .object({ lines: dispatchLinesSchema.optional() })
  .strict()
  .describe('What shipped, line by line; without lines, everything allocated shipped.');
