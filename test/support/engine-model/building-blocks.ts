import fc from 'fast-check';
import {
  ON_SHORTAGE,
  type PolicyConfig,
  type PolicyLayer,
  PRIORITY_RULES,
} from '../../../shared/policy/policy.js';
import { SKUS, TENANTS, type TimeFormat, WAREHOUSES } from './world.js';

// The pieces triggers are generated from: ids, times, lines (good and bad) and policy layers.

export const tenantArb = fc.constantFrom(...TENANTS);
export const warehouseArb = fc.constantFrom<string>(WAREHOUSES[0], WAREHOUSES[0], WAREHOUSES[1]);
export const skuArb = fc.constantFrom<string>(...SKUS);
export const badQuantityArb = fc.constantFrom(0, -1, 1.5, Number.NaN);
export const reasonArb = fc.oneof(
  { weight: 20, arbitrary: fc.constant('asked by ops') },
  fc.constantFrom('', '   '),
);
export const timeFormatArb = fc.constantFrom<TimeFormat>('millisZ', 'millisZ', 'secondsZ', 'plus2', 'minus5');
export const timeArb = (minMs: number, maxMs: number) =>
  fc.record({ offsetMs: fc.integer({ min: minMs, max: maxMs }), format: timeFormatArb });

/** Mostly valid, sometimes one of the ways a caller gets lines wrong. */
export const withBadLines = <L extends Record<string, unknown>>(
  good: fc.Arbitrary<L[]>,
  quantityKey: keyof L,
  keyField: keyof L,
) =>
  fc.oneof(
    { weight: 9, arbitrary: good },
    fc
      .tuple(good, fc.constantFrom('quantity', 'duplicate', 'key', 'empty'), badQuantityArb)
      .map(([lines, how, bad]) => {
        const [first, ...rest] = lines;
        if (!first) return lines;
        if (how === 'quantity') return [{ ...first, [quantityKey]: bad }, ...rest];
        if (how === 'duplicate') return [first, { ...first }, ...rest];
        if (how === 'key') return [{ ...first, [keyField]: ' ' }, ...rest];
        return [];
      }),
  );

/** Lines as a channel sends them: ids 1..n, mostly stock-managed. */
export const validOrderLinesArb = fc
  .array(
    fc.record({
      sku: fc.oneof({ weight: 12, arbitrary: skuArb }, { weight: 1, arbitrary: fc.constant(null) }),
      quantity: fc.integer({ min: 1, max: 6 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((lines) => lines.map((line, index) => ({ lineId: String(index + 1), ...line })));

export const orderLinesArb = withBadLines(
  fc
    .array(
      fc.record({
        sku: fc.oneof({ weight: 12, arbitrary: skuArb }, { weight: 1, arbitrary: fc.constant(null) }),
        quantity: fc.integer({ min: 1, max: 6 }),
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map((lines) => lines.map((line, index) => ({ lineId: String(index + 1), ...line }))),
  'quantity',
  'sku',
);

/**
 * Mostly an order the tenant has when the trigger runs (`@fit:n` in a status the act allows,
 * `@open:n`, `@any:n`, resolved then), else
 * a raw id: an order, a backorder, or one that was never used.
 */
export const targetArb = fc.oneof(
  { weight: 6, arbitrary: fc.nat(60).map((n) => `@fit:${n}`) },
  { weight: 4, arbitrary: fc.nat(60).map((n) => `@open:${n}`) },
  { weight: 2, arbitrary: fc.nat(60).map((n) => `@any:${n}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'), fc.constantFrom('', '-BO1', '-BO2', '-BO1-BO1'))
      .map(([base, suffix]) => `${base}${suffix}`),
  },
);

export const layerArb: fc.Arbitrary<PolicyLayer> = fc.record(
  {
    onShortage: fc.constantFrom(...ON_SHORTAGE),
    splitDelayDays: fc.integer({ min: 0, max: 3 }),
    autoAllocate: fc.boolean(),
    reserveWhileWaiting: fc.boolean(),
    priority: fc.constantFrom(...PRIORITY_RULES),
    splitSupported: fc.boolean(),
    minimumFill: fc.oneof(
      fc.constant(null),
      fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ kind: fc.constant('units' as const), value: fc.integer({ min: 0, max: 5 }) }),
    ),
    mergeSiblings: fc.boolean(),
    maxShipments: fc.constantFrom(null, 1, 2, 3),
  },
  { requiredKeys: [] },
);

/** Tenant, channel and SKU layers; the `pos` channel never takes split orders. */
export const policyConfigArb: fc.Arbitrary<PolicyConfig> = fc.record(
  {
    tenant: layerArb,
    channels: fc.record(
      {
        shopify: layerArb,
        woo: layerArb,
        pos: layerArb.map((layer) => ({ ...layer, splitSupported: false })),
      },
      { requiredKeys: ['pos'] },
    ),
    skus: fc.record({ A: layerArb, B: layerArb, C: layerArb }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
