import fc from 'fast-check';
import type { KitBook } from '../../../shared/domain/kit.js';
import { layerArb, reasonArb, targetArb, tenantArb, warehouseArb } from './building-blocks.js';
import type { Trigger } from './trigger-types.js';
import {
  adjustmentArb,
  byIdArb,
  controlArb,
  dispatchArb,
  intakeArbOf,
  receiptArb,
  serveArb,
} from './triggers.js';
import { SKUS, TENANTS } from './world.js';

// Worlds with kits (DESIGN §14): every shortage policy and allocation rule of the engine model;
// intake, stock movements, the manual acts that free or hold stock, fulfilment and dispatch.

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
  override: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, layerArb),
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
  { weight: 3, arbitrary: controlArb },
);
