import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { receiveStock } from '../../../shared/use-cases/receive-stock.js';
import { incoming, TENANT } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('receive-order');
}, 60_000);
afterAll(() => harness.drop());

it('allocates an order whose stock is there in one request, and a short one in two', async () => {
  await receiveStock(
    harness.ports,
    TENANT,
    { receiptId: 'r0', warehouseId: 'main', lines: [{ sku: 'A', quantity: 3 }] },
    'e0',
  );
  harness.resetTally();
  const first = await receiveOrder(harness.ports, TENANT, incoming('o1', [['A', 2]]), 'e1');
  expect(first.kind).toBe('accepted');
  harness.resetTally();
  const second = await receiveOrder(harness.ports, TENANT, incoming('o2', [['A', 2]]), 'e2');
  const state = await harness.readAll();
  console.log(
    JSON.stringify(state.orders.map((o) => [o.orderId, o.status, o.lines])),
    state.stock,
    state.waits,
  );
  expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  const dup = await receiveOrder(harness.ports, TENANT, incoming('o2', [['A', 2]]), 'e2');
  expect(dup.kind).toBe('duplicate');
});
