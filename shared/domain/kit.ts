import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import { described } from '../zod-mini.js';
import { quantitySchema } from './inputs.js';

/** Most components one kit may have. */
export const MAX_KIT_COMPONENTS = 20;

export const kitComponentSchema = z.strictObject({
  sku: z.string().check(z.trim(), z.minLength(1, 'SKU must not be empty'), z.maxLength(LIMITS.idLength)),
  quantity: described(quantitySchema, 'Units of this component in one kit: a whole number above zero.'),
});

/**
 * `PUT /kits/{sku}` (version 1): what one kit is made of (DESIGN §14). A kit line is allocated as
 * these components, in whole kits only; stock is kept per component.
 */
export const kitBodySchema = described(
  z.strictObject({
    components: z.array(kitComponentSchema).check(
      z.minLength(1),
      z.maxLength(MAX_KIT_COMPONENTS),
      z.refine((components) => new Set(components.map((c) => c.sku)).size === components.length, {
        message: 'Each component SKU may appear once',
      }),
    ),
  }),
  'The components of one kit.',
);

/** A kit as the API shows it. */
export const kitView = described(
  z.extend(kitBodySchema, { sku: described(z.string(), 'The kit SKU.') }),
  'A kit and its components.',
);

export type KitComponent = z.infer<typeof kitComponentSchema>;

/** The tenant's kits: each kit SKU with its components. */
export type KitBook = Readonly<Record<string, readonly KitComponent[]>>;
