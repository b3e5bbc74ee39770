import fc from 'fast-check';
import type { KitBook } from '../../../shared/domain/kit.js';
import type { PolicyConfig, PolicyLayer } from '../../../shared/policy/policy.js';
import {
  layerArb,
  policyConfigArb,
  reasonArb,
  targetArb,
  tenantArb,
  warehouseArb,
} from './building-blocks.js';
import type { Trigger } from './trigger-types.js';
import { adjustmentArb, byIdArb, dispatchArb, intakeArbOf, receiptArb, serveArb } from './triggers.js';
import { SKUS, TENANTS } from './world.js';

// Worlds with kits (DESIGN §14), in the slice the model predicts: shortage policies that hold
// (`holdAll`, `holdPartial`, `reject`); intake, stock movements, the manual acts that free or hold
// stock, fulfilment and dispatch.

export const KIT_SKUS = ['K1', 'K2'] as const;

const componentsArb = (skus: readonly string[]) =>
  fc.uniqueArray(fc.record({ sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 3 }) }), {
    selector: (component) => component.sku,
    minLength: 1,
    maxLength: 3,
  });

/** One or two kits over the model's SKUs; the second may contain the first. */
const kitBookArb: fc.Arbitrary<KitBook> = fc
  .tuple(componentsArb(SKUS), fc.option(componentsArb([...SKUS, 'K1']), { nil: undefined }))
  .map(([first, second]): KitBook => (second ? { K1: first, K2: second } : { K1: first }));

export const kitBooksArb: fc.Arbitrary<Record<string, KitBook>> = fc
  .tuple(...TENANTS.map(() => kitBookArb))
  .map((books) => Object.fromEntries(TENANTS.map((tenant, index) => [tenant, books[index] ?? {}])));

const HOLDING = ['holdAll', 'holdPartial', 'reject'];
const holding = <L extends PolicyLayer | undefined>(layer: L): L =>
  layer?.onShortage && !HOLDING.includes(layer.onShortage) ? { ...layer, onShortage: 'holdPartial' } : layer;
const holdingAll = (layers: Record<string, PolicyLayer> | undefined) =>
  layers && Object.fromEntries(Object.entries(layers).map(([key, layer]) => [key, holding(layer)]));

/** A tenant's policies with every shortage policy one that holds. */
export const holdingConfigArb: fc.Arbitrary<PolicyConfig> = policyConfigArb.map((config) => ({
  ...config,
  ...(config.tenant ? { tenant: holding(config.tenant) } : {}),
  ...(config.channels ? { channels: holdingAll(config.channels) } : {}),
  ...(config.skus ? { skus: holdingAll(config.skus) } : {}),
}));

const kitOrderLinesArb = fc
  .array(
    fc.record({
      sku: fc.constantFrom<string>(...SKUS, ...KIT_SKUS, ...KIT_SKUS),
      quantity: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((lines) => lines.map((line, index) => ({ lineId: String(index + 1), ...line })));

const intakeArb = intakeArbOf({
  tenantId: tenantArb,
  orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8'),
  warehouseId: warehouseArb,
  lines: kitOrderLinesArb,
  override: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, layerArb.map(holding)),
});

const manualActArb = fc
  .record({
    tenantId: tenantArb,
    kind: fc.constantFrom('release', 'hold', 'unhold', 'cancel'),
    orderId: targetArb,
    reason: reasonArb,
  })
  .map(({ tenantId, kind, orderId, reason }): Trigger => ({ kind, tenantId, input: { orderId, reason } }));

export const kitTriggerArb: fc.Arbitrary<Trigger> = fc.oneof(
  { weight: 8, arbitrary: intakeArb },
  { weight: 8, arbitrary: receiptArb },
  { weight: 3, arbitrary: adjustmentArb },
  { weight: 1, arbitrary: serveArb },
  { weight: 3, arbitrary: manualActArb },
  { weight: 2, arbitrary: byIdArb },
  { weight: 2, arbitrary: dispatchArb },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 72 }).map((hours): Trigger => ({ kind: 'tick', hours })),
  },
);
