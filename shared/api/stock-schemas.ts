import * as z from 'zod';
import { idSchema } from '../domain/inputs.js';

/** Queries of the operator's stock routes. */

export const stockQuery = z
  .object({
    sku: idSchema.describe('The SKU.'),
    warehouse: idSchema.optional().describe('Only this warehouse.'),
  })
  .strict();

export const inboundQuery = stockQuery;
