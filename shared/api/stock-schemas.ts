import * as z from 'zod/mini';
import { idSchema } from '../domain/inputs.js';
import { described } from '../zod-mini.js';

/** Queries of the operator's stock routes. */

export const stockQuery = z.strictObject({
  sku: described(idSchema, 'The SKU.'),
  warehouse: described(z.optional(idSchema), 'Only this warehouse.'),
});

export const inboundQuery = stockQuery;
