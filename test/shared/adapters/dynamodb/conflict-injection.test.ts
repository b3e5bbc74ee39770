import type { IncomingOrder } from '../../../../shared/domain/inputs.js';
import { WriteConflictError } from '../../../../shared/ports/backorder-repository.js';
import { cancelByHand, releaseOrder } from '../../../../shared/use-cases/order-acts.js';
import type { AllocationPorts } from '../../../../shared/use-cases/ports.js';
import { receiveOrder } from '../../../../shared/use-cases/receive-order.js';
import { receiveOrders } from '../../../../shared/use-cases/receive-orders.js';
import { receiveStock } from '../../../../shared/use-cases/receive-stock.js';
import { type ConflictInjector, injectTransactionConflicts } from '../../../support/conflict-injector.js';
import { incoming } from '../../../support/engine-fixtures.js';
import {
  acceptedInputs,
  expectedOnHand,
  HOT_SKUS,
  hotSkuPlan,
  onceOnlyProblems,
  openingReceipt,
  runWorkers,
  sweep,
  unsettledOrders,
} from '../../../support/hot-sku-workload.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';
import {
  historyOf,
  levelOf,
  orderOf,
  originalsOf,
  readChecked,
  storedStateProblems,
} from '../../../support/stored-state.js';

/**
 * DynamoDB cancels a transaction that touches an item another transaction holds
 * (`TransactionConflict`); DynamoDB Local never does. Here a fifth of all transactions fail that
 * way before they are sent, and every operation must still complete, every invariant still hold.
 */
const SEED = 42;

let harness: RepositoryHarness;
let injector: ConflictInjector;
let ports: AllocationPorts;
beforeAll(async () => {
  harness = await createRepositoryHarness('conflict-injection');
  injector = injectTransactionConflicts(harness.tables.dynamodb, { rate: 0.2, seed: SEED });
  ports = {
    ...harness.ports,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    // 0.2^30: a conflict storm long enough to exhaust this is not a thing to plan for.
    retry: { attempts: 30, baseDelayMs: 1, maxDelayMs: 50 },
  };
}, 60_000);
afterAll(() => harness.drop());

/** Sets up state with the injector off, so that only the operation under test meets conflicts. */
const quietly = async <T>(work: () => Promise<T>): Promise<T> => {
  injector.enabled = false;
  try {
    return await work();
  } finally {
    injector.enabled = true;
  }
};

const waiting = (prefix: string, count: number, sku: string): IncomingOrder[] =>
  Array.from({ length: count }, (_, index) =>
    incoming(`${prefix}-${String(index).padStart(2, '0')}`, [[sku, 1]], {
      createdAt: `2026-11-28T09:${String(index).padStart(2, '0')}:00.000Z`,
    }),
  );

it('fails transactions with the exception DynamoDB raises, which the adapter turns into a conflict to retry', async () => {
  const tenant = 'shape';
  // With the stock there, the optimistic write can only fail by the injector's hand.
  await quietly(() =>
    receiveStock(
      ports,
      tenant,
      { receiptId: 's', warehouseId: 'main', lines: [{ sku: 'S', quantity: 99 }] },
      'evt-s',
    ),
  );
  const calls = injector.calls;
  const failing: AllocationPorts = { ...ports, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } };
  let seen: unknown;
  for (let attempt = 0; attempt < 50 && !seen; attempt++) {
    await receiveOrder(
      failing,
      tenant,
      incoming(`shape-${attempt}`, [['S', 1]]),
      `evt-shape-${attempt}`,
    ).catch((error: unknown) => {
      seen = error;
    });
  }

  expect(injector.calls).toBeGreaterThan(calls);
  expect(seen).toBeInstanceOf(WriteConflictError);
  expect((seen as WriteConflictError).message).toMatch(/TransactionConflict/);
  expect((seen as WriteConflictError).committed).toBe(false);
  // Nothing was found in the way: the retry reads afresh.
  expect((seen as WriteConflictError).found).toEqual({ stock: [], orders: [] });
});

it('completes every operation of thirty concurrent workers, and every invariant holds', async () => {
  const tenant = 'hot';
  const plan = hotSkuPlan({ seed: SEED, workers: 30 });
  await quietly(async () => {
    await harness.setPolicies(tenant, plan.policies);
    await receiveStock(ports, tenant, openingReceipt(plan), 'evt-opening');
  });
  const before = injector.injected;

  const log = await runWorkers(ports, tenant, plan.workers);

  expect(injector.injected - before).toBeGreaterThan(20);
  expect(log.unexpected).toEqual([]);
  expect(onceOnlyProblems(log)).toEqual([]);
  await sweep(ports, tenant);
  const state = await readChecked(harness, tenant);
  expect(storedStateProblems(state, originalsOf(acceptedInputs(plan, state)))).toEqual([]);
  expect(unsettledOrders(state, tenant, plan.policies)).toEqual([]);
  const onHand = expectedOnHand(plan, log);
  for (const sku of HOT_SKUS) expect(levelOf(state, sku)[0]).toBe(onHand[sku]);
}, 120_000);

/** Fails exactly the given transactions of `work` (1 is its first), and no others. */
const conflictsAt = async <T>(nths: number[], work: () => Promise<T>): Promise<T> => {
  const { rate } = injector;
  const first = injector.injected;
  injector.rate = 0;
  for (const nth of nths) injector.failCall(nth);
  try {
    return await work();
  } finally {
    injector.rate = rate;
    expect(injector.injected - first).toBe(nths.length);
  }
};

describe('a decision that needs several transactions', () => {
  const OPERATOR = { kind: 'person', id: 'ops' } as const;

  it.each([
    ['its first', [1]],
    ['its second, after the first landed', [2]],
  ])('a receipt serving sixty orders completes when %s transaction fails', async (_which, nths) => {
    const tenant = `receipt-${nths.join('-')}`;
    const inputs = waiting(`rw${nths.join('-')}`, 60, 'R');
    await quietly(() =>
      receiveOrders(
        ports,
        tenant,
        inputs.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
      ),
    );

    await conflictsAt(nths, () =>
      receiveStock(
        ports,
        tenant,
        { receiptId: 'big', warehouseId: 'main', lines: [{ sku: 'R', quantity: 60 }] },
        'evt-big',
      ),
    );

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(state.orders.every((order) => order.status === 'ReadyToPick')).toBe(true);
    expect(levelOf(state, 'R')).toEqual([60, 60]);
  });

  it.each([
    ['a cancellation', 'cancel'],
    ['a release', 'release'],
  ])(
    '%s freeing stock for sixty waiting orders completes when its second transaction fails',
    async (_what, act) => {
      const tenant = `free-${act}`;
      const big = incoming(`big-${act}`, [['K', 60]], { createdAt: '2026-11-28T08:00:00.000Z' });
      const inputs = waiting(`fw-${act}`, 60, 'K');
      await quietly(async () => {
        await receiveStock(
          ports,
          tenant,
          { receiptId: 'k', warehouseId: 'main', lines: [{ sku: 'K', quantity: 60 }] },
          'evt-k',
        );
        await receiveOrder(ports, tenant, big, `evt-${big.orderId}`);
        await receiveOrders(
          ports,
          tenant,
          inputs.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
        );
      });
      const request = { tenantId: tenant, eventId: `evt-free-${act}`, actor: OPERATOR };
      const input = { orderId: big.orderId, reason: 'customer changed plans' };

      const outcome = await conflictsAt([2], () =>
        act === 'cancel' ? cancelByHand(ports, request, input) : releaseOrder(ports, request, input),
      );

      expect(outcome.kind).toBe('applied');
      const state = await readChecked(harness, tenant, originalsOf([big, ...inputs]));
      expect(orderOf(state, big.orderId).status).toBe(act === 'cancel' ? 'Cancelled' : 'AwaitingStock');
      const acted = act === 'cancel' ? 'cancelled' : 'released';
      expect(historyOf(state, big.orderId).filter((entry) => entry.actions.includes(acted))).toHaveLength(1);
      // The queue was served to the end, from its start: a released order, first in it, may take
      // back what the part that failed would have given to others.
      expect(levelOf(state, 'K')).toEqual([60, 60]);
      expect(unsettledOrders(state, tenant, {}, ['K'])).toEqual([]);
      expect(state.orders.filter((order) => order.status === 'ReadyToPick').length).toBeGreaterThanOrEqual(
        32,
      );
    },
  );

  it('a batch of split orders larger than one transaction completes when a later chunk fails', async () => {
    const tenant = 'batch';
    await quietly(() =>
      receiveStock(
        ports,
        tenant,
        { receiptId: 'b', warehouseId: 'main', lines: [{ sku: 'S', quantity: 60 }] },
        'evt-b',
      ),
    );
    const inputs = Array.from({ length: 60 }, (_, index) =>
      incoming(`split-${index}`, [['S', 2]], { policyOverride: { onShortage: 'split' } }),
    );

    const results = await conflictsAt([2], () =>
      receiveOrders(
        ports,
        tenant,
        inputs.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
      ),
    );

    expect(results.every((result) => result.kind === 'accepted')).toBe(true);
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(levelOf(state, 'S')).toEqual([60, 60]);
  });

  // A 150-line order moves its stock in two reservation chunks (transactions 1 and 2), then
  // writes the order and deletes the reservations (3).
  it.each([
    ['its second chunk', [2]],
    ['its second chunk, and then the undo of the first', [2, 3]],
    ['its last transaction', [3]],
  ])('an order of 150 lines completes when %s fails, leaving no reservation behind', async (_which, nths) => {
    const tenant = `oversized-${nths.join('-')}`;
    const skus = Array.from({ length: 150 }, (_, index) => `O-${index}`);
    await quietly(() =>
      receiveStock(
        ports,
        tenant,
        { receiptId: 'o', warehouseId: 'main', lines: skus.map((sku) => ({ sku, quantity: 1 })) },
        'evt-o',
      ),
    );
    const input = incoming(
      'huge',
      skus.map((sku) => [sku, 1] as [string, number]),
    );

    await conflictsAt(nths, () => receiveOrder(ports, tenant, input, 'evt-huge'));

    // readChecked also finds any reservation left over.
    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'huge').status).toBe('ReadyToPick');
    expect(state.stock.every((level) => level.allocated === 1)).toBe(true);
  });
});
