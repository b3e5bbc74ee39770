import * as z from 'zod/mini';
import { policyLayerSchema } from '../domain/inputs.js';
import { described } from '../zod-mini.js';
import { idParam, notReservedKey, RESERVED_KEY_MESSAGE } from './query-params.js';

/**
 * One layer of policy settings, as `policyConfigSchema` defines it for the tenant, each channel and
 * each SKU: a PUT replaces that layer whole, and settings it leaves out come from the layer below.
 */
export const policyLayerBody = described(
  policyLayerSchema,
  'Policy settings for this layer; any setting left out comes from the layer below.',
);

const layerName = (what: string) =>
  described(
    idParam.check(z.refine(notReservedKey, RESERVED_KEY_MESSAGE)),
    `${what}; not \`__proto__\` or \`constructor\`.`,
  );

export const channelPath = z.strictObject({ channel: layerName('The channel') });
export const skuPath = z.strictObject({ sku: layerName('The SKU') });
