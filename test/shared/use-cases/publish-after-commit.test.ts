import type { PublishableEvent } from '../../../shared/ports/event-publisher.js';
import type { Wiring } from '../../../shared/runtime/adapters.js';
import { actOnOrders } from '../../../shared/use-cases/bulk-acts.js';
import { holdOrder } from '../../../shared/use-cases/order-acts.js';
import type { AllocationPorts } from '../../../shared/use-cases/ports.js';
import { publishingAfterCommit } from '../../../shared/use-cases/publish-events.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { receiveStock } from '../../../shared/use-cases/receive-stock.js';
import { incoming } from '../../support/engine-fixtures.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { wireHarness } from '../../support/wired-harness.js';

/** Counts the publisher's calls: each is one PutEvents request on AWS. */
class CountingPublisher extends InMemoryPublisher {
  calls = 0;
  override async publish(events: readonly PublishableEvent[]): Promise<void> {
    this.calls += 1;
    return super.publish(events);
  }
}

let harness: RepositoryHarness;
let publisher: CountingPublisher;
let wiring: Wiring;
let deferred: string[];
let ports: AllocationPorts;
const request = (tenantId: string, eventId: string) => ({
  tenantId,
  eventId,
  actor: { kind: 'person' as const, id: 'ops' },
});

beforeAll(async () => {
  harness = await createRepositoryHarness('publish-after-commit');
}, 60_000);
afterAll(() => harness.drop());
beforeEach(() => {
  publisher = new CountingPublisher();
  wiring = wireHarness(harness, { publisher });
  deferred = [];
  ports = {
    ...wiring.allocation,
    sleep: async () => undefined,
    publishing: publishingAfterCommit(wiring.publishing, (error) => deferred.push(error.message)),
  };
});

const pendingOutbox = async (tenantId: string) =>
  (await harness.readAll()).items.filter((item) => item.outboxPk !== undefined && item.tenantId === tenantId);

it('publishes what a use case commits, once per committed transaction, and empties the outbox', async () => {
  const results = await receiveOrders(
    ports,
    'pac-1',
    ['a', 'b', 'c'].map((orderId) => ({ input: incoming(orderId, [['P', 1]]), eventId: `evt-${orderId}` })),
  );
  expect(results.map((result) => result.kind)).toEqual(['accepted', 'accepted', 'accepted']);
  expect(publisher.calls).toBe(1);
  expect(publisher.ofType('Order Awaiting Stock')).toHaveLength(3);
  expect(await pendingOutbox('pac-1')).toEqual([]);
});

it('answers a committed change as applied when publishing fails, leaving its events in the outbox', async () => {
  await receiveOrders(ports, 'pac-2', [{ input: incoming('w', [['Q', 1]]), eventId: 'evt-w' }]);
  publisher.failing = true;
  const outcome = await receiveStock(
    ports,
    'pac-2',
    { receiptId: 'R-1', warehouseId: 'main', lines: [{ sku: 'Q', quantity: 1 }] },
    'evt-r-1',
  );
  expect(outcome.kind).toBe('applied');
  expect(deferred).toEqual(['publishing is down']);
  expect((await pendingOutbox('pac-2')).map((item) => item.orderId)).toEqual(['w']);
});

it('publishes a bulk act’s events together once every order is acted on, not once per order', async () => {
  const orderIds = ['h1', 'h2', 'h3', 'h4'];
  await receiveStock(
    ports,
    'pac-3',
    { receiptId: 'R-H', warehouseId: 'main', lines: [{ sku: 'H', quantity: 4 }] },
    'evt-r-h',
  );
  await receiveOrders(
    ports,
    'pac-3',
    orderIds.map((orderId) => ({ input: incoming(orderId, [['H', 1]]), eventId: `evt-${orderId}` })),
  );
  publisher.calls = 0;
  const before = publisher.published.length;
  const results = await actOnOrders(ports, request('pac-3', 'bulk-1'), {
    act: 'release',
    orderIds,
    reason: 'recount',
    dryRun: false,
  });
  expect(results.map((result) => result.outcome)).toEqual(['applied', 'applied', 'applied', 'applied']);
  expect(publisher.calls).toBe(1);
  expect(publisher.published.length - before).toBeGreaterThanOrEqual(4);
  expect(await pendingOutbox('pac-3')).toEqual([]);
});

it('publishes nothing for a request answered as a duplicate', async () => {
  await receiveOrders(ports, 'pac-4', [{ input: incoming('d', [['D', 1]]), eventId: 'evt-d' }]);
  const act = { ...request('pac-4', 'hold-1'), idempotencyKey: 'hold-1' };
  expect((await holdOrder(ports, act, { orderId: 'd', reason: 'check' })).kind).toBe('applied');
  const published = publisher.published.length;
  expect(await holdOrder(ports, act, { orderId: 'd', reason: 'check' })).toEqual({
    kind: 'duplicate',
    key: 'hold-1',
  });
  expect(publisher.published).toHaveLength(published);
});
