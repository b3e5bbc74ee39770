import * as z from 'zod';
import { policyConfigSchema } from '../domain/inputs.js';
import { idParam } from './query-params.js';

/**
 * One layer of policy settings, as `policyConfigSchema` defines it for the tenant, each channel and
 * each SKU: a PUT replaces that layer whole, and settings it leaves out come from the layer below.
 */
export const policyLayerBody = policyConfigSchema.shape.tenant
  .unwrap()
  .describe('Policy settings for this layer; any setting left out comes from the layer below.');

export const channelPath = z.object({ channel: idParam.describe('The channel.') }).strict();
export const skuPath = z.object({ sku: idParam.describe('The SKU.') }).strict();
