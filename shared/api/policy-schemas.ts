import * as z from 'zod';
import { policyConfigSchema } from '../domain/inputs.js';
import { idParam, notReservedKey, RESERVED_KEY_MESSAGE } from './query-params.js';

/**
 * One layer of policy settings, as `policyConfigSchema` defines it for the tenant, each channel and
 * each SKU: a PUT replaces that layer whole, and settings it leaves out come from the layer below.
 */
export const policyLayerBody = policyConfigSchema.shape.tenant
  .unwrap()
  .describe('Policy settings for this layer; any setting left out comes from the layer below.');

const layerName = (what: string) =>
  idParam
    .refine(notReservedKey, RESERVED_KEY_MESSAGE)
    .describe(`${what}; not \`__proto__\` or \`constructor\`.`);

export const channelPath = z.object({ channel: layerName('The channel') }).strict();
export const skuPath = z.object({ sku: layerName('The SKU') }).strict();
