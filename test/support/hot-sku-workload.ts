import fc from 'fast-check';
import { decideServeWaiting, type StockReceipt } from '../../shared/allocation/stock-movements.js';
import { SYSTEM_ACTOR } from '../../shared/domain/actor.js';
import { DomainError } from '../../shared/domain/errors.js';
import type { IncomingOrder } from '../../shared/domain/inputs.js';
import { shortLines } from '../../shared/domain/order.js';
import type { OnShortage, PolicyConfig } from '../../shared/policy/policy.js';
import { allocateByHand, cancelByHand, cancelFromChannel } from '../../shared/use-cases/order-acts.js';
import type { AllocationPorts } from '../../shared/use-cases/ports.js';
import { receiveOrder } from '../../shared/use-cases/receive-order.js';
import { adjustStock, receiveStock } from '../../shared/use-cases/receive-stock.js';
import { serveRemainingQueue } from '../../shared/use-cases/serve-follow-up.js';
import { incoming } from './engine-fixtures.js';
import type { StoredState } from './stored-state.js';

/**
 * A random, reproducible burst on a few hot SKUs: many workers at once, each doing intake,
 * receipts, adjustments, cancellations and manual allocations one after the other, some of them
 * delivered more than once at the same moment.
 *
 *   const plan = hotSkuPlan({ seed: 20261128, workers: 50 });
 *   const log = await runWorkers(ports, tenant, plan.workers);
 *   expect(log.unexpected).toEqual([]);
 */
export const HOT_SKUS = ['HOT-A', 'HOT-B', 'HOT-C'] as const;

export type WorkloadOp =
  | { kind: 'intake'; input: IncomingOrder; eventId: string; copies: number }
  | { kind: 'receipt'; receiptId: string; sku: string; quantity: number; copies: number }
  | { kind: 'adjust'; adjustmentId: string; sku: string; delta: number; copies: number }
  | {
      kind: 'cancel';
      /** Empty: a person picks a waiting order of `sku` when the time comes. */
      orderId: string;
      sku: string;
      pick: number;
      byChannel: boolean;
    }
  | {
      kind: 'allocate';
      /** Which order of the review queue a person picks; the order and line are looked up then. */
      pick: number;
      orderId: string;
      lineId?: string;
      quantity: number;
      requestId: string;
      copies: number;
    };

export interface WorkloadPlan {
  /** The tenant's policies: one SKU waits for a person, so that manual allocations have work. */
  policies: PolicyConfig;
  /** Stock received before the burst, per SKU. */
  initial: Record<string, number>;
  workers: WorkloadOp[][];
}

const POLICIES: readonly OnShortage[] = [
  'holdPartial',
  'split',
  'split',
  'holdAll',
  'holdAll',
  'dropShort',
  'reject',
];

const rawOp = fc.record({
  kind: fc.constantFrom('intake', 'intake', 'intake', 'receipt', 'receipt', 'cancel', 'allocate', 'adjust'),
  skus: fc.uniqueArray(fc.constantFrom(...HOT_SKUS), { minLength: 1, maxLength: 2 }),
  quantities: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
  policy: fc.constantFrom(...POLICIES),
  minute: fc.integer({ min: 0, max: 59 }),
  target: fc.nat(),
  backorder: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  flag: fc.boolean(),
  copies: fc.constantFrom(1, 1, 2, 3),
});

type RawOp = typeof rawOp extends fc.Arbitrary<infer T> ? T : never;

/** A plan from a fixed seed: the same seed gives the same plan on every machine. */
export const hotSkuPlan = (options: { seed: number; workers: number; opsPerWorker?: [number, number] }) => {
  const [min, max] = options.opsPerWorker ?? [2, 5];
  const raw = fc.sample(
    fc.array(fc.array(rawOp, { minLength: min, maxLength: max }), {
      minLength: options.workers,
      maxLength: options.workers,
    }),
    { seed: options.seed, numRuns: 1 },
  )[0] as RawOp[][];
  const workers = raw.map((ops, worker) =>
    ops.map((op, index): WorkloadOp => {
      const id = `${worker}-${index}`;
      // The worker's own last order exists by then; without one, a waiting order is picked later.
      const own = ops.slice(0, index).findLastIndex((earlier) => earlier.kind === 'intake');
      const sku = op.skus[0] as string;
      switch (op.kind) {
        case 'intake':
          return {
            kind: 'intake',
            eventId: `evt-o${id}`,
            copies: op.copies,
            input: incoming(
              `o${id}`,
              op.skus.map((lineSku, line) => [lineSku, op.quantities[line] as number]),
              {
                createdAt: `2026-11-28T09:${String(op.minute).padStart(2, '0')}:00.000Z`,
                policyOverride: { onShortage: op.policy },
              },
            ),
          };
        case 'receipt':
          return {
            kind: 'receipt',
            receiptId: `r${id}`,
            sku,
            quantity: op.quantities[0] + 2,
            copies: op.copies,
          };
        case 'adjust':
          return {
            kind: 'adjust',
            adjustmentId: `a${id}`,
            sku,
            delta: op.flag ? op.quantities[0] : -op.quantities[0],
            copies: op.copies,
          };
        case 'cancel':
          return {
            kind: 'cancel',
            orderId: own >= 0 ? `o${worker}-${own}${op.backorder ? '-BO1' : ''}` : '',
            sku,
            pick: op.target,
            byChannel: op.flag,
          };
        default:
          return {
            kind: 'allocate',
            pick: op.target,
            orderId: '',
            quantity: 1,
            requestId: `m${id}`,
            copies: op.copies,
          };
      }
    }),
  );
  return {
    policies: { skus: { 'HOT-C': { autoAllocate: false } } },
    initial: { 'HOT-A': 6, 'HOT-B': 4, 'HOT-C': 2 },
    workers,
  } satisfies WorkloadPlan;
};

/** The receipt that stocks the plan's tenant before the burst (`plan.initial`), as event `evt-opening`. */
export const openingReceipt = (plan: WorkloadPlan): StockReceipt => ({
  receiptId: 'opening',
  warehouseId: 'main',
  lines: HOT_SKUS.map((sku) => ({ sku, quantity: plan.initial[sku] as number })),
});

export interface OpResult {
  op: WorkloadOp;
  /** One per copy delivered: `applied`, `duplicate`, a domain error code, or `unexpected`. */
  outcomes: string[];
}

export interface WorkloadLog {
  results: OpResult[];
  /** Anything other than a refusal the domain explains: a lost race, an SDK error, a bug. */
  unexpected: Array<{ op: WorkloadOp; error: unknown }>;
}

const OPERATOR = { kind: 'person', id: 'ops' } as const;

/** Delivers one copy of an op and names what came of it. */
const deliver = async (ports: AllocationPorts, tenantId: string, op: WorkloadOp): Promise<string> => {
  switch (op.kind) {
    case 'intake': {
      const outcome = await receiveOrder(ports, tenantId, op.input, op.eventId);
      return outcome.kind === 'accepted' ? 'applied' : 'duplicate';
    }
    case 'receipt':
      return (
        await receiveStock(
          ports,
          tenantId,
          { receiptId: op.receiptId, warehouseId: 'main', lines: [{ sku: op.sku, quantity: op.quantity }] },
          `evt-${op.receiptId}`,
        )
      ).kind;
    case 'adjust':
      return (
        await adjustStock(
          ports,
          tenantId,
          { adjustmentId: op.adjustmentId, warehouseId: 'main', lines: [{ sku: op.sku, delta: op.delta }] },
          `evt-${op.adjustmentId}`,
        )
      ).kind;
    case 'cancel': {
      const request = { tenantId, eventId: `evt-cancel-${op.orderId}`, actor: OPERATOR };
      const input = { orderId: op.orderId, reason: 'changed their mind' };
      const outcome = op.byChannel
        ? await cancelFromChannel(ports, { ...request, actor: { kind: 'channel', id: 'shopify' } }, input)
        : await cancelByHand(ports, request, input);
      return outcome.kind;
    }
    case 'allocate':
      return (
        await allocateByHand(
          ports,
          { tenantId, eventId: `evt-${op.requestId}`, actor: OPERATOR, idempotencyKey: op.requestId },
          {
            orderId: op.orderId,
            reason: 'by hand',
            lines: [{ lineId: op.lineId ?? '1', quantity: op.quantity }],
          },
        )
      ).kind;
  }
};

/**
 * A person picks an order from a queue when the time comes: for a manual allocation, from the
 * review queue of the SKU that waits for one (it holds free stock), allocating one unit to the
 * line that needs it; for a cancellation without an order of its own, any waiting order.
 */
const REVIEWED_SKU = 'HOT-C';
const pickedFromQueue = async (
  ports: AllocationPorts,
  tenantId: string,
  op: WorkloadOp,
): Promise<WorkloadOp> => {
  if ((op.kind !== 'allocate' && op.kind !== 'cancel') || op.orderId !== '') return op;
  const sku = op.kind === 'allocate' ? REVIEWED_SKU : op.sku;
  const page = await ports.repository.loadWaiting(tenantId, { warehouseId: 'main', sku }, { limit: 10 });
  const order = page.orders[op.pick % Math.max(1, page.orders.length)];
  if (!order) return { ...op, orderId: 'nobody-waits' };
  const line = shortLines(order).find((candidate) => candidate.sku === sku);
  return op.kind === 'allocate'
    ? { ...op, orderId: order.orderId, ...(line ? { lineId: line.lineId } : {}) }
    : { ...op, orderId: order.orderId };
};

const copiesOf = (op: WorkloadOp) => ('copies' in op ? op.copies : 1);

/** Runs every worker at once; each worker's ops run in order, an op's copies all at once. */
export const runWorkers = async (
  ports: AllocationPorts,
  tenantId: string,
  workers: readonly WorkloadOp[][],
): Promise<WorkloadLog> => {
  const log: WorkloadLog = { results: [], unexpected: [] };
  await Promise.all(
    workers.map(async (ops) => {
      for (const planned of ops) {
        const op = await pickedFromQueue(ports, tenantId, planned);
        const outcomes = await Promise.all(
          Array.from({ length: copiesOf(op) }, () =>
            deliver(ports, tenantId, op).catch((error: unknown) => {
              if (error instanceof DomainError) return error.code;
              log.unexpected.push({ op, error });
              return 'unexpected';
            }),
          ),
        );
        log.results.push({ op, outcomes });
      }
    }),
  );
  return log;
};

/** Serves every hot SKU's queue from its start: the sweep's repair for wake-ups lost in a race. */
export const sweep = (ports: AllocationPorts, tenantId: string) =>
  serveRemainingQueue(
    ports,
    tenantId,
    'sweep',
    HOT_SKUS.map((sku) => ({ warehouseId: 'main', sku })),
  );

/**
 * Copies of one request take effect once. Intake and receipts are applied by exactly one copy and
 * refused as duplicates by the others; an adjustment or a manual allocation may also be refused by
 * the domain, when a copy re-decides after the first has changed the state.
 */
export const onceOnlyProblems = (log: WorkloadLog): string[] =>
  log.results.flatMap(({ op, outcomes }) => {
    if (op.kind === 'cancel') return [];
    const applied = outcomes.filter((outcome) => outcome === 'applied').length;
    const duplicates = outcomes.filter((outcome) => outcome === 'duplicate').length;
    const fine =
      op.kind === 'intake' || op.kind === 'receipt'
        ? applied === 1 && duplicates === outcomes.length - 1
        : applied <= 1 && !outcomes.includes('unexpected');
    return fine ? [] : [`${op.kind} delivered as [${outcomes}]`];
  });

/** On-hand stock must be the opening stock plus every receipt and adjustment applied once. */
export const expectedOnHand = (plan: WorkloadPlan, log: WorkloadLog): Record<string, number> => {
  const onHand = { ...plan.initial };
  for (const { op, outcomes } of log.results) {
    if (!outcomes.includes('applied')) continue;
    if (op.kind === 'receipt') onHand[op.sku] = (onHand[op.sku] ?? 0) + op.quantity;
    if (op.kind === 'adjust') onHand[op.sku] = (onHand[op.sku] ?? 0) + op.delta;
  }
  return onHand;
};

export const acceptedInputs = (plan: WorkloadPlan, state: StoredState): IncomingOrder[] => {
  const stored = new Set(state.orders.map((order) => order.orderId));
  return plan.workers.flatMap((ops) =>
    ops.flatMap((op) => (op.kind === 'intake' && stored.has(op.input.orderId) ? [op.input] : [])),
  );
};

/**
 * After a sweep the tenant is settled: serving every hot SKU again, on everything read back at
 * once, changes no order. (The engine is the oracle: free stock may rightly sit beside an order
 * that waits for all of it, or be kept for an order waiting for a person.)
 */
export const unsettledOrders = (
  state: StoredState,
  tenantId: string,
  policies: PolicyConfig,
  skus: readonly string[] = HOT_SKUS,
): string[] =>
  decideServeWaiting(
    {
      tenantId,
      now: new Date().toISOString(),
      eventId: 'settled?',
      actor: SYSTEM_ACTOR,
      policies,
    },
    { stock: state.stock, orders: state.orders },
    { targets: skus.map((sku) => ({ warehouseId: 'main', sku })), trigger: 'check' },
  ).orders.map(({ after }) => `${after.orderId} could still be served`);
