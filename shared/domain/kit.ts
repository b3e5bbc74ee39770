import * as z from 'zod';
import { LIMITS } from '../limits.js';
import { quantitySchema } from './inputs.js';

/** Most components one kit may have. */
export const MAX_KIT_COMPONENTS = 20;

export const kitComponentSchema = z
  .object({
    sku: z.string().trim().min(1, 'SKU must not be empty').max(LIMITS.idLength),
    quantity: quantitySchema.describe('Units of this component in one kit: a whole number above zero.'),
  })
  .strict();

/**
 * `PUT /kits/{sku}` (version 1): what one kit is made of (DESIGN §14). A kit line is allocated as
 * these components, in whole kits only; stock is kept per component.
 */
export const kitBodySchema = z
  .object({
    components: z
      .array(kitComponentSchema)
      .min(1)
      .max(MAX_KIT_COMPONENTS)
      .refine((components) => new Set(components.map((c) => c.sku)).size === components.length, {
        message: 'Each component SKU may appear once',
      }),
  })
  .strict()
  .describe('The components of one kit.');

/** A kit as the API shows it. */
export const kitView = kitBodySchema
  .extend({ sku: z.string().describe('The kit SKU.') })
  .describe('A kit and its components.');

export type KitComponent = z.infer<typeof kitComponentSchema>;

/** The tenant's kits: each kit SKU with its components. */
export type KitBook = Readonly<Record<string, readonly KitComponent[]>>;
