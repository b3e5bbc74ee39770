/**
 * The scripted scenarios: what each sends and when (seconds of virtual time), the sweeps the
 * schedule runs among them, and how the platform delivers (clock skew, duplicated and reordered
 * events, idempotency keys left to expire).
 */
import type { DeliveryOptions } from './platform.js';
import { type ClockSkew, NO_SKEW } from './processes.js';
import { act, adjustment, channelCancel, fulfilment, order, type Request, receipt } from './requests.js';

export type Step = { at: number; label: string; request: Request } | { at: number; sweep: true };

export interface Scenario {
  readonly id: string;
  readonly name: string;
  readonly steps: () => Step[];
  readonly skew?: ClockSkew;
  readonly delivery?: DeliveryOptions;
  /** Every `stride`-th crash point only, in the full form too (the sweep's repeated calls). */
  readonly stride?: number;
  /** After the run: the idempotency keys expire (TTL), then these requests come again. */
  readonly expireKeysThenResend?: readonly string[];
}

const send = (at: number, label: string, request: Request): Step => ({ at, label, request });
const sweep = (at: number): Step => ({ at, sweep: true });

/** Orders racing for a hot SKU, one cancelled by its channel, then more stock. */
const contendedSteps = (): Step[] => [
  send(
    0,
    'receipt r1',
    receipt('r1', [
      ['HOT', 5],
      ['COLD', 2],
    ]),
  ),
  send(10, 'order o1', order('o1', [['HOT', 2]])),
  send(
    11,
    'order o2',
    order('o2', [
      ['HOT', 2],
      ['COLD', 1],
    ]),
  ),
  send(12, 'order o3', order('o3', [['HOT', 3]])),
  send(
    13,
    'order o4',
    order('o4', [
      ['COLD', 3],
      ['HOT', 1],
    ]),
  ),
  send(60, 'cancel o1', channelCancel('o1', [['HOT', 2]])),
  send(120, 'receipt r2', receipt('r2', [['HOT', 4]])),
];

const sku = (n: number) => `L${String(n).padStart(3, '0')}`;

/** A receipt of 120 SKUs (more than one transaction holds) for orders waiting on some of them. */
const largeReceiptSteps = (): Step[] => [
  send(
    0,
    'order b1',
    order('b1', [
      [sku(1), 2],
      [sku(60), 1],
    ]),
  ),
  send(
    1,
    'order b2',
    order('b2', [
      [sku(60), 2],
      [sku(119), 3],
    ]),
  ),
  send(2, 'order b3', order('b3', [[sku(119), 1]])),
  send(
    30,
    'receipt big',
    receipt(
      'big',
      Array.from({ length: 120 }, (_, i) => [sku(i), 2] as const),
    ),
  ),
  send(90, 'order b4', order('b4', [[sku(60), 1]])),
];

/** A person's acts: hold, unhold, allocate by hand (with its key), release, cancel; then shipping. */
const actSteps = (): Step[] => [
  send(0, 'receipt m1', receipt('m1', [['ACT', 4]])),
  send(5, 'order a1', order('a1', [['ACT', 3]])),
  send(6, 'order a2', order('a2', [['ACT', 3]])),
  send(30, 'hold a2', act('a2', 'hold', {}, 'hold-a2')),
  send(40, 'receipt m2', receipt('m2', [['ACT', 3]])),
  send(50, 'unhold a2', act('a2', 'unhold', {}, 'unhold-a2')),
  send(60, 'allocate a2', act('a2', 'allocate', { lines: [{ lineId: '1', quantity: 1 }] }, 'alloc-a2')),
  send(70, 'release a1', act('a1', 'release', {}, 'release-a1')),
  send(80, 'cancel a1', act('a1', 'cancel', {})),
  send(90, 'start a2', fulfilment('a2', 'fulfilment-started')),
  send(100, 'dispatch a2', fulfilment('a2', 'dispatched')),
];

/** Counts that take stock back and give it again, with sweeps in between. */
const adjustmentSteps = (): Step[] => [
  send(0, 'receipt j1', receipt('j1', [['ADJ', 6]])),
  send(5, 'order j1', order('j1', [['ADJ', 2]])),
  send(6, 'order j2', order('j2', [['ADJ', 3]])),
  send(7, 'order j3', order('j3', [['ADJ', 2]])),
  send(30, 'count down', adjustment('down', [['ADJ', -3]])),
  sweep(60),
  send(90, 'count up', adjustment('up', [['ADJ', 4]])),
  sweep(400),
];

export const SCENARIOS: readonly Scenario[] = [
  { id: 'contended', name: 'contended intake + channel cancel', steps: contendedSteps },
  // Most of its calls are the sweep serving 120 freed SKUs alike: a sample of them suffices.
  { id: 'large-receipt', name: 'receipt of 120 SKUs', steps: largeReceiptSteps, stride: 6 },
  { id: 'acts', name: 'manual acts and shipping', steps: actSteps },
  {
    id: 'adjust-skewed',
    name: 'adjustments, skewed clocks',
    steps: adjustmentSteps,
    skew: { writer: 0, sweep: 4, notifier: -3 },
  },
  {
    id: 'dup-reorder',
    name: 'contended, duplicated + reordered',
    steps: contendedSteps,
    delivery: { duplicate: true, shuffleSeed: 12 },
  },
  {
    id: 'keys-expire',
    name: 'contended, keys expire, resent',
    steps: contendedSteps,
    skew: { writer: 2, sweep: -3, notifier: 5 },
    expireKeysThenResend: ['order o2', 'order o3', 'cancel o1'],
  },
];

export { NO_SKEW };
