/**
 * DESIGN §8: the sweep's repair reads in proportion to the work it does, not to the backlog. It
 * reads each level listed since its last run once (the listing is the stock item, so it says what
 * is free) and each order it serves once (the order item stands in its queue), plus the list of
 * tenants: never the other SKUs' waiting orders. Items read are counted by the request accounting
 * on the harness's client.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { stockUpdate } from '../../../shared/adapters/dynamodb/stock-updates.js';
import { wireAdapters } from '../../../shared/runtime/adapters.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { runSweep } from '../../../shared/use-cases/run-sweep.js';
import { incoming } from '../../support/engine-fixtures.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { orderOf, readChecked } from '../../support/stored-state.js';
import { webhookTenant } from '../../support/webhook-requests.js';

const TENANT = 'sweep-reads';
const LEVELS = 3;
const ORDERS_PER_LEVEL = 4;

let harness: RepositoryHarness;
let wiring: ReturnType<typeof wireAdapters>;
beforeAll(async () => {
  harness = await createRepositoryHarness('sweep-reads');
  wiring = wireAdapters({
    documents: harness.tables.client,
    tableName: harness.tables.tableName,
    publisher: new InMemoryPublisher(),
  });
  await wiring.directory.saveTenant(webhookTenant(TENANT));
}, 60_000);
afterAll(() => harness.drop());

const sweep = () => runSweep(wiring, { outboxGraceMs: 0, intakeGraceMs: 0, limit: 50 });

let minute = 0;
const orderOn = (orderId: string, sku: string) =>
  incoming(orderId, [[sku, 1]], {
    createdAt: new Date(Date.parse('2026-11-28T08:00:00.000Z') + 60_000 * minute++).toISOString(),
  });

/**
 * `backlog` orders waiting on SKUs of their own, and `ORDERS_PER_LEVEL` waiting on each of
 * `LEVELS` SKUs, all swept once (nothing free yet); then stock freed on those SKUs whose serving is
 * lost, as a crash after the freeing commit leaves it. The next sweep's items read and orders served.
 */
const repairBehind = async (prefix: string, backlog: number) => {
  const skus = Array.from({ length: LEVELS }, (_, index) => `${prefix}-FREED-${index}`);
  const orders = [
    ...Array.from({ length: backlog }, (_, index) =>
      orderOn(`${prefix}-other-${index}`, `${prefix}-OTHER-${index % 7}`),
    ),
    ...skus.flatMap((sku) =>
      Array.from({ length: ORDERS_PER_LEVEL }, (_, index) => orderOn(`${sku}-w${index}`, sku)),
    ),
  ];
  const results = await receiveOrders(
    wiring.allocation,
    TENANT,
    orders.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
  );
  expect(results.every((result) => result.kind === 'accepted')).toBe(true);
  await sweep();

  const freedAt = new Date(Date.now() - 60_000).toISOString();
  for (const sku of skus) {
    const { Update } = stockUpdate(
      harness.tables.tableName,
      TENANT,
      { warehouseId: 'main', sku, onHand: ORDERS_PER_LEVEL, allocated: 0 },
      freedAt,
    );
    await harness.tables.client.send(new UpdateCommand(Update as NonNullable<typeof Update>));
  }
  harness.resetTally();
  const report = await sweep();
  const itemsRead = harness.tally.itemsRead;

  const state = await readChecked(harness, TENANT);
  for (const sku of skus)
    for (let index = 0; index < ORDERS_PER_LEVEL; index++)
      expect(orderOf(state, `${sku}-w${index}`).status).toBe('ReadyToPick');
  return { itemsRead, ordersServed: report.ordersServed };
};

it('reads each freed level and each order it serves once, as many items behind 300 waiting orders as behind 20', async () => {
  const small = await repairBehind('s', 20);
  const large = await repairBehind('l', 300);

  expect(small.ordersServed).toBe(LEVELS * ORDERS_PER_LEVEL);
  expect(large.ordersServed).toBe(LEVELS * ORDERS_PER_LEVEL);
  // The levels, the orders, and the one tenant listed.
  expect(small.itemsRead).toBe(LEVELS + LEVELS * ORDERS_PER_LEVEL + 1);
  expect(large.itemsRead).toBe(small.itemsRead);
}, 120_000);
