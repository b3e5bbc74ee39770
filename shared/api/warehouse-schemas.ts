import * as z from 'zod/mini';
import {
  adjustmentLinesSchema,
  dispatchLinesSchema,
  idSchema,
  inboundQuantitySchema,
  inboundVersionSchema,
  stockLinesSchema,
} from '../domain/inputs.js';
import { described } from '../zod-mini.js';

/** Request bodies of the warehouse routes: what the handlers validate, and what OpenAPI documents. */

export const receiptBody = described(
  z.strictObject({ receiptId: idSchema, warehouseId: idSchema, lines: stockLinesSchema }),
  'Stock that arrived. The receipt id makes a repeated receipt change nothing.',
);

export const adjustmentBody = described(
  z.strictObject({
    adjustmentId: idSchema,
    warehouseId: idSchema,
    lines: adjustmentLinesSchema,
    reason: z.optional(z.string().check(z.maxLength(1000))),
  }),
  'Signed changes to on-hand stock (a count, damage, a find). The adjustment id makes a repeat change nothing.',
);

export const inboundBody = described(
  z.strictObject({
    inboundId: idSchema,
    warehouseId: idSchema,
    sku: idSchema,
    quantity: described(
      inboundQuantitySchema,
      'Units expected in all (receipts naming the line count against it); 0 closes the line.',
    ),
    eta: z.iso.datetime({ offset: true }),
    updatedAt: inboundVersionSchema,
  }),
  'Expected supply (a purchase order or ASN line), created or changed. A change older than the one stored (`updatedAt`) is ignored and answered `stale`.',
);

export const dispatchBody = described(
  z.strictObject({ lines: z.optional(dispatchLinesSchema) }),
  'What shipped, line by line; without lines, everything allocated shipped.',
);
