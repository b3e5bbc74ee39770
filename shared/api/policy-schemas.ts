import { z } from 'zod';
import { idSchema, policyConfigSchema } from '../domain/inputs.js';

/**
 * One layer of policy settings, as `policyConfigSchema` defines it for the tenant, each channel and
 * each SKU: a PUT replaces that layer whole, and settings it leaves out come from the layer below.
 */
export const policyLayerBody = policyConfigSchema.shape.tenant
  .unwrap()
  .describe('Policy settings for this layer; any setting left out comes from the layer below.');

export const channelPath = z.object({ channel: idSchema.describe('The channel.') }).strict();
export const skuPath = z.object({ sku: idSchema.describe('The SKU.') }).strict();
