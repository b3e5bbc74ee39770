import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { incoming } from '../../support/engine-fixtures.js';
import { type FaultInjector, injectFaults } from '../../support/fault-injector.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { originalsOf, readChecked } from '../../support/stored-state.js';

/** DESIGN §11: one failing chunk of a batch fails its own orders only, never the whole batch. */
let harness: RepositoryHarness;
let faults: FaultInjector;
beforeAll(async () => {
  harness = await createRepositoryHarness('receive-orders-faults');
  faults = injectFaults(harness.tables.dynamodb);
}, 60_000);
afterAll(() => harness.drop());

it('fails only the orders of the chunk whose commit failed, and takes them when they come again', async () => {
  const tenant = 'chunks';
  // Ninety-nine single-line orders on one SKU fill a chunk (an item each, and the stock write
  // they share): 120 make two.
  const inputs: IncomingOrder[] = Array.from({ length: 120 }, (_, index) =>
    incoming(`c-${String(index).padStart(3, '0')}`, [['C', 1]]),
  );
  const entries = inputs.map((input) => ({ input, eventId: `evt-${input.orderId}` }));
  faults.at('TransactWriteItemsCommand', 2, 'throttle');

  const results = await receiveOrders(harness.ports, tenant, entries);

  const kinds = results.map((result) => result.kind);
  expect(kinds.filter((kind) => kind === 'accepted').length).toBeGreaterThan(0);
  expect(kinds.filter((kind) => kind === 'failed').length).toBeGreaterThan(0);
  const failed = entries.filter((_, index) => results[index]?.kind === 'failed');
  const again = await receiveOrders(harness.ports, tenant, failed);
  expect(again.every((result) => result.kind === 'accepted')).toBe(true);
  const state = await readChecked(harness, tenant, originalsOf(inputs));
  expect(state.orders).toHaveLength(120);
});
