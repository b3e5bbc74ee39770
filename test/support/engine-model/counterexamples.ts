import type { PolicyConfig, PolicyLayer } from '../../../shared/policy/policy.js';
import type { Trigger } from './trigger-types.js';

/** The shortest runs that found engine bugs, kept so that each fix stays checked on every run. */
export interface Counterexample {
  bug: string;
  policies: Record<string, PolicyConfig>;
  steps: Trigger[];
}

const intake = (
  orderId: string,
  lines: Array<[sku: string, quantity: number]>,
  policyOverride?: PolicyLayer,
): Trigger => ({
  kind: 'intake',
  tenantId: 't1',
  created: { offsetMs: 0, format: 'millisZ' },
  order: {
    orderId,
    warehouseId: 'w1',
    channel: 'shopify',
    channelOrderId: orderId,
    customer: {},
    lines: lines.map(([sku, quantity], index) => ({ lineId: String(index + 1), sku, quantity })),
    ...(policyOverride ? { policyOverride } : {}),
  },
});

const receipt = (lines: Array<[sku: string, quantity: number]>): Trigger => ({
  kind: 'receipt',
  tenantId: 't1',
  input: { receiptId: 'R', warehouseId: 'w1', lines: lines.map(([sku, quantity]) => ({ sku, quantity })) },
});

const reason = 'asked by ops';

export const COUNTEREXAMPLES: Counterexample[] = [
  {
    bug: 'a cancellation recorded its order as already cancelled before it',
    policies: {},
    steps: [intake('o1', [['A', 1]]), { kind: 'cancel', tenantId: 't1', input: { orderId: 'o1', reason } }],
  },
  {
    bug: 'an update left a ready order marked fillable',
    policies: { t1: { skus: { B: { autoAllocate: false } } } },
    steps: [
      receipt([['A', 1]]),
      intake('o1', [['B', 1]]),
      receipt([['B', 1]]),
      {
        kind: 'update',
        tenantId: 't1',
        input: { orderId: 'o1', lines: [{ lineId: '1', sku: 'A', quantity: 1 }] },
      },
    ],
  },
  {
    bug: 'a channel cancellation left a backorder split off while it ran',
    policies: {},
    steps: [
      intake(
        'o1',
        [
          ['B', 2],
          ['A', 1],
        ],
        { onShortage: 'split' },
      ),
      receipt([['B', 1]]),
      { kind: 'channelCancel', tenantId: 't1', input: { orderId: 'o1' } },
    ],
  },
  {
    bug: 'a split lost a line whose units had all been dropped',
    policies: {},
    steps: [
      receipt([['C', 2]]),
      intake(
        'o1',
        [
          ['A', 1],
          ['C', 1],
          ['C', 1],
        ],
        { onShortage: 'dropShort' },
      ),
      { kind: 'release', tenantId: 't1', input: { orderId: 'o1', reason } },
      {
        kind: 'allocate',
        tenantId: 't1',
        fit: false,
        input: { orderId: 'o1', reason, lines: [{ lineId: '2', quantity: 1 }] },
      },
      { kind: 'split', tenantId: 't1', input: { orderId: 'o1', reason } },
    ],
  },
  {
    bug: 'a split delay that ran out split an order whose policy no longer splits',
    policies: { t1: { tenant: { onShortage: 'split', splitDelayDays: 2 } } },
    steps: [
      receipt([['A', 1]]),
      {
        kind: 'inbound',
        tenantId: 't1',
        warehouseId: 'w1',
        sku: 'A',
        quantity: 5,
        eta: { offsetMs: 3_600_000, format: 'millisZ' },
      },
      intake('o1', [['A', 3]]),
      { kind: 'policies', tenantId: 't1', config: { tenant: { onShortage: 'holdPartial' } } },
      { kind: 'expiry', tenantId: 't1', input: { orderId: 'o1' }, sweep: true },
    ],
  },
  {
    bug: "a channel change restoring a line's SKU was refused for the units its dispatched parent shipped",
    policies: { t1: { tenant: { onShortage: 'split' } } },
    steps: [
      receipt([['A', 1]]),
      intake('o1', [['A', 2]]),
      { kind: 'dispatch', tenantId: 't1', input: { orderId: 'o1' } },
      {
        kind: 'update',
        tenantId: 't1',
        input: { orderId: 'o1-BO1', lines: [{ lineId: '1', sku: 'C', quantity: 1 }] },
      },
      {
        kind: 'channelChange',
        tenantId: 't1',
        input: { orderId: 'o1', cancelled: false, lines: [{ lineId: '1', sku: 'A', quantity: 2 }] },
      },
    ],
  },
  {
    bug: 'an unheld backorder that merged into its parent was taken for one that lost its stock',
    policies: { t1: { tenant: { onShortage: 'split', splitDelayDays: 0 } } },
    steps: [
      intake('q1', [['A', 1]]),
      intake('q2', [['A', 2]]),
      receipt([['A', 2]]),
      { kind: 'hold', tenantId: 't1', input: { orderId: 'q2-BO1', reason } },
      receipt([['A', 1]]),
      { kind: 'unhold', tenantId: 't1', input: { orderId: 'q2-BO1', reason } },
    ],
  },
];
