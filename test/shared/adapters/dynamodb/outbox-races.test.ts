import { DynamoDbBackorderRepository } from '../../../../shared/adapters/dynamodb/dynamodb-backorder-repository.js';
import { DynamoDbOutbox } from '../../../../shared/adapters/dynamodb/dynamodb-outbox.js';
import type { Item } from '../../../../shared/adapters/dynamodb/items.js';
import type { Decision } from '../../../../shared/allocation/decision.js';
import type { BackorderRepository } from '../../../../shared/ports/backorder-repository.js';
import type { PublishableEvent } from '../../../../shared/ports/event-publisher.js';
import { holdOrder } from '../../../../shared/use-cases/order-acts.js';
import type { AllocationPorts } from '../../../../shared/use-cases/ports.js';
import {
  type PublishingPorts,
  publishDecisionEvents,
  publishPendingOutbox,
} from '../../../../shared/use-cases/publish-events.js';
import { receiveOrder } from '../../../../shared/use-cases/receive-order.js';
import { receiveStock } from '../../../../shared/use-cases/receive-stock.js';
import { incoming } from '../../../support/engine-fixtures.js';
import { InMemoryPublisher } from '../../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';
import { historyItemsOf, readChecked } from '../../../support/stored-state.js';

/**
 * The publisher and the decisions race for an order's latest history entry: a decision moves it
 * into a history item while the publisher takes it off the outbox. Whoever comes second must see
 * what the first did, so every event is published once and no listing is lost or clobbered.
 */
let harness: RepositoryHarness;
let publishing: PublishingPorts;
const publisher = new InMemoryPublisher();
beforeAll(async () => {
  harness = await createRepositoryHarness('outbox-races');
  const outbox = new DynamoDbOutbox(harness.tables.client, harness.tables.tableName);
  publishing = { publisher, outbox, clock: () => new Date().toISOString() };
}, 60_000);
afterAll(() => harness.drop());
beforeEach(() => {
  publisher.published.length = 0;
});

let tenantCount = 0;
const newTenant = () => `or-${++tenantCount}`;
const byHand = (tenantId: string) => ({
  tenantId,
  eventId: `hold-${tenantId}`,
  actor: { kind: 'person', id: 'ops@example.com' } as const,
});

const intake = async (tenantId: string, orderId: string, lines: Array<[sku: string, quantity: number]>) => {
  const outcome = await receiveOrder(harness.ports, tenantId, incoming(orderId, lines), `evt-${orderId}`);
  if (outcome.kind !== 'accepted') throw new Error(`${orderId} was not taken`);
  return outcome.decision;
};

const stored = async (tenantId: string, orderId: string) =>
  historyItemsOf(await readChecked(harness, tenantId), orderId).map((item: Item) => ({
    version: item.version,
    heldBy: item.heldBy,
    listed: item.outboxPk !== undefined,
  }));

const eventIds = (events: readonly PublishableEvent[]) => events.map((event) => event.detail.eventId);

/** Every entry still on the outbox, published now: nothing is left for a grace to protect. */
const sweep = async () =>
  (await publishPendingOutbox(publishing, { graceMs: -60_000, limit: 100 })).published;

/** The harness's repository, with `beforeCommit` run once between a decision's read and its write. */
const racing = (beforeCommit: () => Promise<unknown>): AllocationPorts & { commits: number } => {
  const ports = { ...harness.ports, commits: 0 };
  let raced = false;
  const repository: BackorderRepository = Object.assign(Object.create(harness.repository), {
    commit: async (...args: Parameters<BackorderRepository['commit']>) => {
      ports.commits += 1;
      if (!raced) {
        raced = true;
        await beforeCommit();
      }
      return harness.repository.commit(...args);
    },
  });
  return Object.assign(ports, { repository });
};

it('re-decides when the publisher takes the entry off the outbox between the read and the write', async () => {
  const tenant = newTenant();
  const first = await intake(tenant, 'raced', [['R', 1]]);
  const ports = racing(() => publishDecisionEvents(publishing, [first]));

  const outcome = await holdOrder(ports, byHand(tenant), { orderId: 'raced', reason: 'check' });

  expect(outcome.kind).toBe('applied');
  // The first write found the entry published since it was read, and failed; the second moved it so.
  expect(ports.commits).toBe(2);
  expect(await stored(tenant, 'raced')).toEqual([
    { version: 1, heldBy: 'history', listed: false },
    { version: 2, heldBy: 'order', listed: false },
  ]);
  expect(await sweep()).toBe(0);
  expect(eventIds(publisher.published)).toEqual(eventIds(first.events));
});

it('takes an entry off the outbox on its history item when a decision moved it first', async () => {
  const tenant = newTenant();
  const first = await intake(tenant, 'moved', [['M', 2]]);
  const served = await receiveStock(
    harness.ports,
    tenant,
    { receiptId: 'r-moved', warehouseId: 'main', lines: [{ sku: 'M', quantity: 2 }] },
    'evt-r-moved',
  );
  const second = served.kind === 'applied' ? served.decisions : [];

  await publishDecisionEvents(publishing, [first]);

  // The order's own, newer entry is still listed: marking the older one did not touch it.
  expect(await stored(tenant, 'moved')).toEqual([
    { version: 1, heldBy: 'history', listed: false },
    { version: 2, heldBy: 'order', listed: true },
  ]);
  expect(await sweep()).toBe(second.flatMap((decision) => decision.events).length);
  expect(await sweep()).toBe(0);
  const caused: Decision[] = [first, ...second];
  expect(eventIds(publisher.published)).toEqual(eventIds(caused.flatMap((decision) => decision.events)));
});

it('publishes from the sweep entries both on order items and on history items, each once', async () => {
  const tenant = newTenant();
  const first = await intake(tenant, 'swept', [['S', 1]]);
  const held = await holdOrder(harness.ports, byHand(tenant), { orderId: 'swept', reason: 'check' });
  const other = await intake(tenant, 'swept-2', [['S', 1]]);
  const caused = [first, ...(held.kind === 'applied' ? held.decisions : []), other].flatMap(
    (decision) => decision.events,
  );
  expect(await stored(tenant, 'swept')).toEqual([
    { version: 1, heldBy: 'history', listed: true },
    {
      version: 2,
      heldBy: 'order',
      listed: held.kind === 'applied' && held.decisions.some((decision) => decision.events.length > 0),
    },
  ]);

  expect(await sweep()).toBe(caused.length);
  expect(await sweep()).toBe(0);

  expect(await stored(tenant, 'swept')).toEqual([
    { version: 1, heldBy: 'history', listed: false },
    { version: 2, heldBy: 'order', listed: false },
  ]);
  expect(eventIds(publisher.published).sort()).toEqual(eventIds(caused).sort());
});

it('reads the order again when a decision was made from orders another reader read', async () => {
  const tenant = newTenant();
  await intake(tenant, 'here', [['E', 1]]);
  await intake(tenant, 'elsewhere', [['E', 1]]);
  harness.resetTally();
  await holdOrder(harness.ports, byHand(tenant), { orderId: 'here', reason: 'check' });
  const batchGetsWhenRemembered = harness.tally.byOperation.BatchGetItem ?? 0;
  const reader = new DynamoDbBackorderRepository({
    client: harness.tables.client,
    tableName: harness.tables.tableName,
    policyCacheMs: 0,
  });
  // Reads go through another repository, which remembers the entries it read; the commit does not.
  const repository: BackorderRepository = Object.assign(Object.create(harness.repository), {
    loadFamily: (tenantId: string, orderId: string) => reader.loadFamily(tenantId, orderId),
  });
  harness.resetTally();

  const outcome = await holdOrder({ ...harness.ports, repository }, byHand(tenant), {
    orderId: 'elsewhere',
    reason: 'check',
  });

  expect(outcome.kind).toBe('applied');
  expect(harness.tally.byOperation.BatchGetItem).toBe(batchGetsWhenRemembered + 1);
  expect(await stored(tenant, 'elsewhere')).toEqual([
    { version: 1, heldBy: 'history', listed: true },
    { version: 2, heldBy: 'order', listed: false },
  ]);
});
