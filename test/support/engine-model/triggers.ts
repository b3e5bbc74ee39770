import fc from 'fast-check';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { PolicyLayer } from '../../../shared/policy/policy.js';
import {
  layerArb,
  orderLinesArb,
  policyConfigArb,
  reasonArb,
  skuArb,
  targetArb,
  tenantArb,
  timeArb,
  validOrderLinesArb,
  warehouseArb,
  withBadLines,
} from './building-blocks.js';
import type { Trigger } from './trigger-types.js';
import { CHANNELS } from './world.js';

/** Intake of a new order, built from the given parts; times are relative to the clock when it runs. */
export const intakeArbOf = (parts: {
  tenantId: fc.Arbitrary<string>;
  orderId: fc.Arbitrary<string>;
  warehouseId: fc.Arbitrary<string>;
  lines: fc.Arbitrary<IncomingOrder['lines']>;
  override: fc.Arbitrary<PolicyLayer | undefined>;
}): fc.Arbitrary<Trigger> =>
  fc
    .record({
      ...parts,
      channel: fc.constantFrom(...CHANNELS),
      priority: fc.option(
        fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-999_999_999, 999_999_999)),
        { nil: undefined },
      ),
      created: timeArb(-10 * 3_600_000, 0),
      shipBy: fc.option(timeArb(0, 96 * 3_600_000), { nil: undefined }),
    })
    .map(({ tenantId, orderId, warehouseId, channel, lines, priority, created, shipBy, override }) => ({
      kind: 'intake',
      tenantId,
      created,
      ...(shipBy ? { shipBy } : {}),
      order: {
        orderId,
        warehouseId,
        channel,
        channelOrderId: orderId,
        customer: { name: 'Ada' },
        lines,
        ...(priority === undefined ? {} : { priority }),
        ...(override ? { policyOverride: override } : {}),
      },
    }));

const intakeArb = intakeArbOf({
  tenantId: tenantArb,
  orderId: fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8') },
    fc.constant('o1-BO1'),
  ),
  warehouseId: warehouseArb,
  lines: orderLinesArb,
  override: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, layerArb),
});

const uniqueSkus = <L extends { sku: string }>(line: fc.Arbitrary<L>) =>
  fc.uniqueArray(line, { selector: (candidate) => candidate.sku, minLength: 1, maxLength: 2 });

export const receiptArb = fc
  .record({
    tenantId: tenantArb,
    warehouseId: warehouseArb,
    lines: withBadLines(
      uniqueSkus(fc.record({ sku: skuArb, quantity: fc.integer({ min: 1, max: 8 }) })),
      'quantity',
      'sku',
    ),
  })
  .map(
    ({ tenantId, warehouseId, lines }): Trigger => ({
      kind: 'receipt',
      tenantId,
      input: { receiptId: 'R', warehouseId, lines },
    }),
  );

export const adjustmentArb = fc
  .record({
    tenantId: tenantArb,
    warehouseId: warehouseArb,
    lines: withBadLines(
      uniqueSkus(
        fc.record({ sku: skuArb, delta: fc.integer({ min: -6, max: 6 }).filter((delta) => delta !== 0) }),
      ),
      'delta',
      'sku',
    ),
  })
  .map(
    ({ tenantId, warehouseId, lines }): Trigger => ({
      kind: 'adjustment',
      tenantId,
      input: { adjustmentId: 'A', warehouseId, lines },
    }),
  );

export const serveArb = fc
  .record({
    tenantId: tenantArb,
    targets: fc.uniqueArray(fc.record({ warehouseId: warehouseArb, sku: skuArb }), {
      selector: ({ warehouseId, sku }) => `${warehouseId}#${sku}`,
      minLength: 1,
      maxLength: 2,
    }),
  })
  .map(
    ({ tenantId, targets }): Trigger => ({ kind: 'serve', tenantId, input: { targets, trigger: 'sweep' } }),
  );

const lineIdArb = fc.constantFrom('1', '1', '2', '3', '9');

const allocateArb = fc
  .record({
    tenantId: tenantArb,
    orderId: targetArb,
    reason: reasonArb,
    fit: fc.boolean(),
    lines: withBadLines(
      fc.uniqueArray(fc.record({ lineId: lineIdArb, quantity: fc.integer({ min: 1, max: 4 }) }), {
        selector: (line) => line.lineId,
        minLength: 1,
        maxLength: 2,
      }),
      'quantity',
      'lineId',
    ),
  })
  .map(({ tenantId, fit, ...input }): Trigger => ({ kind: 'allocate', tenantId, fit, input }));

const manualActArb = fc
  .record({
    tenantId: tenantArb,
    kind: fc.constantFrom('release', 'hold', 'unhold', 'split', 'cancel'),
    orderId: targetArb,
    reason: reasonArb,
  })
  .map(({ tenantId, kind, orderId, reason }): Trigger => ({ kind, tenantId, input: { orderId, reason } }));

export const byIdArb = fc
  .record({
    tenantId: tenantArb,
    kind: fc.constantFrom('channelCancel', 'fulfilment', 'fulfilment', 'expiry'),
    orderId: targetArb,
    sweep: fc.boolean(),
  })
  .map(
    ({ tenantId, kind, orderId, sweep }): Trigger =>
      kind === 'expiry'
        ? { kind, tenantId, input: { orderId }, sweep }
        : { kind, tenantId, input: { orderId } },
  );

export const dispatchArb = fc
  .record({
    tenantId: tenantArb,
    orderId: targetArb,
    lines: fc.option(
      withBadLines(
        fc.uniqueArray(fc.record({ lineId: lineIdArb, quantity: fc.integer({ min: 0, max: 3 }) }), {
          selector: (line) => line.lineId,
          maxLength: 2,
        }),
        'quantity',
        'lineId',
      ),
      { nil: undefined, freq: 2 },
    ),
  })
  .map(
    ({ tenantId, orderId, lines }): Trigger => ({
      kind: 'dispatch',
      tenantId,
      input: { orderId, ...(lines ? { lines } : {}) },
    }),
  );

const updateArb = fc
  .record({ tenantId: tenantArb, orderId: targetArb, lines: orderLinesArb })
  .map(({ tenantId, orderId, lines }): Trigger => ({ kind: 'update', tenantId, input: { orderId, lines } }));

/**
 * A channel's change as its webhooks deliver it: versions from a small set, so that older changes
 * often arrive after newer ones, and order ids that may not have arrived yet.
 */
const channelChangeArb = fc
  .record({
    tenantId: tenantArb,
    orderId: fc.oneof(
      { weight: 2, arbitrary: fc.nat(60).map((n) => `@any:${n}`) },
      { weight: 1, arbitrary: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8') },
    ),
    version: fc.option(
      fc.integer({ min: 0, max: 5 }).map((minute) => `2026-11-28T09:0${minute}:00.000Z`),
      { nil: undefined, freq: 6 },
    ),
    cancelled: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    lines: validOrderLinesArb,
  })
  .map(
    ({ tenantId, orderId, version, cancelled, lines }): Trigger => ({
      kind: 'channelChange',
      tenantId,
      input: { orderId, cancelled, lines, ...(version ? { version } : {}) },
    }),
  );

export const controlArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.integer({ min: 1, max: 72 }).map((hours): Trigger => ({ kind: 'tick', hours })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        tenantId: tenantArb,
        warehouseId: warehouseArb,
        sku: skuArb,
        quantity: fc.integer({ min: 1, max: 8 }),
        eta: timeArb(0, 120 * 3_600_000),
      })
      .map((supply): Trigger => ({ kind: 'inbound', ...supply })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ tenantId: tenantArb, config: policyConfigArb })
      .map((change): Trigger => ({ kind: 'policies', ...change })),
  },
);

export const triggerArb: fc.Arbitrary<Trigger> = fc.oneof(
  { weight: 12, arbitrary: intakeArb },
  { weight: 8, arbitrary: receiptArb },
  { weight: 3, arbitrary: adjustmentArb },
  { weight: 1, arbitrary: serveArb },
  { weight: 3, arbitrary: allocateArb },
  { weight: 6, arbitrary: manualActArb },
  { weight: 5, arbitrary: byIdArb },
  { weight: 3, arbitrary: dispatchArb },
  { weight: 2, arbitrary: updateArb },
  { weight: 3, arbitrary: channelChangeArb },
  { weight: 4, arbitrary: controlArb },
);
