import type { AllocationPorts } from '../../../../shared/use-cases/ports.js';
import { receiveOrder } from '../../../../shared/use-cases/receive-order.js';
import { receiveStock } from '../../../../shared/use-cases/receive-stock.js';
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
import { levelOf, originalsOf, readChecked, storedStateProblems } from '../../../support/stored-state.js';

/** Fixed, so that CI replays the same plan; the interleaving is whatever the machine makes of it. */
const SEED = 20261128;

let harness: RepositoryHarness;
let ports: AllocationPorts;
beforeAll(async () => {
  harness = await createRepositoryHarness('concurrency');
  // Real, jittered backoff: without it, fifty workers on three items retry in lockstep.
  ports = {
    ...harness.ports,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    retry: { attempts: 40, baseDelayMs: 2, maxDelayMs: 100 },
  };
}, 60_000);
afterAll(() => harness.drop());

it('never oversells a SKU that a hundred orders race for', async () => {
  const tenant = 'race';
  await receiveStock(
    ports,
    tenant,
    { receiptId: 'r0', warehouseId: 'main', lines: [{ sku: 'HOT', quantity: 30 }] },
    'evt-r0',
  );
  const inputs = Array.from({ length: 100 }, (_, index) => incoming(`race-${index}`, [['HOT', 1]]));

  const outcomes = await Promise.all(
    inputs.map((input) => receiveOrder(ports, tenant, input, `evt-${input.orderId}`)),
  );

  expect(outcomes.every((outcome) => outcome.kind === 'accepted')).toBe(true);
  const state = await readChecked(harness, tenant, originalsOf(inputs));
  expect(levelOf(state, 'HOT')).toEqual([30, 30]);
  expect(state.orders.filter((order) => order.status === 'ReadyToPick')).toHaveLength(30);
  expect(state.waits).toHaveLength(70);
}, 90_000);

it('keeps every invariant when fifty workers hit three hot SKUs with intake, receipts, cancellations and manual allocations', async () => {
  const tenant = 'hot';
  const plan = hotSkuPlan({ seed: SEED, workers: 50 });
  await harness.setPolicies(tenant, plan.policies);
  await receiveStock(ports, tenant, openingReceipt(plan), 'evt-opening');
  const kinds = new Set(plan.workers.flat().map((op) => op.kind));
  expect([...kinds].sort()).toEqual(['adjust', 'allocate', 'cancel', 'intake', 'receipt']);

  const log = await runWorkers(ports, tenant, plan.workers);

  expect(log.unexpected).toEqual([]);
  expect(onceOnlyProblems(log)).toEqual([]);
  let state = await readChecked(harness, tenant);
  expect(storedStateProblems(state, originalsOf(acceptedInputs(plan, state)))).toEqual([]);
  const onHand = expectedOnHand(plan, log);
  for (const sku of HOT_SKUS) expect(levelOf(state, sku)[0]).toBe(onHand[sku]);
  // Something of each kind really happened, not just refusals.
  for (const kind of ['intake', 'receipt', 'cancel', 'allocate'])
    expect(log.results.some(({ op, outcomes }) => op.kind === kind && outcomes.includes('applied'))).toBe(
      true,
    );

  // A wake-up lost in a race (an order that started waiting as stock arrived) is the sweep's to repair.
  await sweep(ports, tenant);
  state = await readChecked(harness, tenant);
  expect(storedStateProblems(state, originalsOf(acceptedInputs(plan, state)))).toEqual([]);
  expect(unsettledOrders(state, tenant, plan.policies)).toEqual([]);
}, 90_000);
