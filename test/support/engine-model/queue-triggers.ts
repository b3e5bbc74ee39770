import fc from 'fast-check';
import { type PolicyConfig, type PolicyLayer, PRIORITY_RULES } from '../../../shared/policy/policy.js';
import { reasonArb, targetArb, timeArb } from './building-blocks.js';
import type { Trigger } from './trigger-types.js';
import { intakeArbOf } from './triggers.js';

/**
 * A crowded queue: one tenant, one warehouse, two SKUs, scarce stock, and policies under which
 * waiting orders hold stock and are served automatically. A few orders override that, so the
 * eager ones must be served in order around them.
 */
const TENANT = 't1';
const WAREHOUSE = 'w1';
const skuArb = fc.constantFrom('A', 'A', 'B');
const priorityArb = fc.constantFrom(...PRIORITY_RULES);

/** Waiting orders hold stock and are served automatically; half the time they split, with a delay. */
export const queueConfigArb: fc.Arbitrary<PolicyConfig> = fc.record({
  tenant: fc.record({
    priority: priorityArb,
    onShortage: fc.constantFrom('holdPartial' as const, 'split' as const),
    splitDelayDays: fc.integer({ min: 0, max: 3 }),
    minimumFill: fc.constantFrom(null, { kind: 'units' as const, value: 2 }),
    mergeSiblings: fc.boolean(),
  }),
  channels: fc.constant({ pos: { splitSupported: false } }),
  skus: fc.record({ A: fc.record({ priority: priorityArb }, { requiredKeys: [] }) }, { requiredKeys: [] }),
});

const awkwardOrderArb: fc.Arbitrary<PolicyLayer> = fc.constantFrom(
  { autoAllocate: false },
  { reserveWhileWaiting: false },
  { onShortage: 'holdAll' as const },
  { onShortage: 'dropShort' as const },
);

const intakeArb = intakeArbOf({
  tenantId: fc.constant(TENANT),
  orderId: fc.integer({ min: 1, max: 14 }).map((n) => `q${n}`),
  warehouseId: fc.constant(WAREHOUSE),
  lines: fc
    .array(fc.record({ sku: skuArb, quantity: fc.integer({ min: 1, max: 4 }) }), {
      minLength: 1,
      maxLength: 2,
    })
    .map((lines) => lines.map((line, index) => ({ lineId: String(index + 1), ...line }))),
  override: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, awkwardOrderArb),
});

const stockArb = fc.oneof(
  fc.record({ sku: skuArb, quantity: fc.integer({ min: 1, max: 5 }) }).map(
    (line): Trigger => ({
      kind: 'receipt',
      tenantId: TENANT,
      input: { receiptId: 'R', warehouseId: WAREHOUSE, lines: [line] },
    }),
  ),
  fc.record({ sku: skuArb, delta: fc.integer({ min: -4, max: 2 }).filter((delta) => delta !== 0) }).map(
    (line): Trigger => ({
      kind: 'adjustment',
      tenantId: TENANT,
      input: { adjustmentId: 'A', warehouseId: WAREHOUSE, lines: [line] },
    }),
  ),
);

const actArb = fc
  .record({
    kind: fc.constantFrom(
      'cancel',
      'channelCancel',
      'release',
      'hold',
      'unhold',
      'split',
      'fulfilment',
      'dispatch',
    ),
    orderId: targetArb,
    reason: reasonArb,
  })
  .map(({ kind, orderId, reason }): Trigger => {
    if (kind === 'fulfilment' || kind === 'dispatch' || kind === 'channelCancel')
      return { kind, tenantId: TENANT, input: { orderId } };
    return { kind, tenantId: TENANT, input: { orderId, reason } };
  });

const inboundArb = fc
  .record({ sku: skuArb, quantity: fc.integer({ min: 1, max: 6 }), eta: timeArb(0, 72 * 3_600_000) })
  .map((supply): Trigger => ({ kind: 'inbound', tenantId: TENANT, warehouseId: WAREHOUSE, ...supply }));

const expiryArb = fc
  .record({ n: fc.nat(60), sweep: fc.boolean() })
  .map(
    ({ n, sweep }): Trigger => ({ kind: 'expiry', tenantId: TENANT, input: { orderId: `@fit:${n}` }, sweep }),
  );

export const queueTriggerArb: fc.Arbitrary<Trigger> = fc.oneof(
  { weight: 2, arbitrary: inboundArb },
  { weight: 1, arbitrary: expiryArb },
  { weight: 6, arbitrary: intakeArb },
  { weight: 5, arbitrary: stockArb },
  { weight: 3, arbitrary: actArb },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 1, max: 48 }).map((hours): Trigger => ({ kind: 'tick', hours })),
  },
);
