/**
 * A downward adjustment reads only the orders holding the adjusted SKU, lowest priority first, as
 * many as the units it must take back plus one page: never the tenant's open backlog. Items read
 * are counted by the request accounting on the harness's client.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { decisionUnits } from '../../../shared/adapters/dynamodb/decision-writes.js';
import { EntryAttr, type Item } from '../../../shared/adapters/dynamodb/items.js';
import { decideIntake } from '../../../shared/allocation/intake.js';
import { waitingRank } from '../../../shared/allocation/waiting-queue.js';
import { SYSTEM_ACTOR } from '../../../shared/domain/actor.js';
import { queuePriority } from '../../../shared/policy/resolve-policy.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { adjustStock } from '../../../shared/use-cases/receive-stock.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { receiveStockLines } from '../../support/stock-receipt.js';

let harness: RepositoryHarness;

beforeAll(async () => {
  harness = await createRepositoryHarness('adjustment-reads');
}, 60_000);
afterAll(() => harness.drop());

/**
 * `count` open orders of other SKUs, written item for item as the adapter writes them: half wait
 * for `OTHER-W` (no stock), half are Ready to Pick holding `OTHER-R`.
 */
const seedUnrelated = async (tenantId: string, count: number) => {
  const items: Item[] = [];
  for (let index = 0; index < count; index++) {
    const sku = index % 2 === 0 ? 'OTHER-W' : 'OTHER-R';
    const input = incoming(`u-${index}`, [[sku, 1]], {
      createdAt: new Date(Date.parse('2026-11-28T10:00:00.000Z') + index * 1000).toISOString(),
    });
    const stock =
      sku === 'OTHER-R'
        ? [{ tenantId, warehouseId: 'main', sku, onHand: count, allocated: 0, available: count }]
        : [];
    const decision = decideIntake(
      { tenantId, now: input.createdAt, eventId: `seed-${index}`, actor: SYSTEM_ACTOR, policies: {} },
      { stock, orders: [] },
      input,
    );
    const units = decisionUnits(decision, {
      tableName: harness.tables.tableName,
      tenantId,
      rankFor: (order, line) => waitingRank(order, queuePriority({}, line)),
      previousEntries: new Map(),
    });
    items.push(
      ...units
        .flatMap((unit) => [...unit.early, ...unit.items])
        .flatMap((request) => (request.Put?.Item ? [request.Put.Item as Item] : []))
        .map(({ [EntryAttr.outboxPk]: _pk, [EntryAttr.outboxSk]: _sk, ...item }) => item),
    );
  }
  for (let start = 0; start < items.length; start += 25) {
    let pending: Record<string, unknown>[] | undefined = items
      .slice(start, start + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (pending && pending.length > 0) {
      const result = await harness.tables.client.send(
        new BatchWriteCommand({ RequestItems: { [harness.tables.tableName]: pending as never } }),
      );
      pending = result.UnprocessedItems?.[harness.tables.tableName] as typeof pending;
    }
  }
};

/** Items read by a downward adjustment of `ADJ` that takes 4 units back from two of three holders. */
const itemsReadByAdjustment = async (tenantId: string, unrelated: number) => {
  await receiveStockLines(harness.ports, tenantId, 'r-1', [['ADJ', 10]]);
  for (const [index, orderId] of ['h-1', 'h-2', 'h-3'].entries()) {
    const input = incoming(orderId, [['ADJ', 2]], { createdAt: `2026-11-28T09:0${index}:00.000Z` });
    expect((await receiveOrder(harness.ports, tenantId, input, `evt-${orderId}`)).kind).toBe('accepted');
  }
  await seedUnrelated(tenantId, unrelated);

  harness.resetTally();
  const outcome = await adjustStock(
    harness.ports,
    tenantId,
    { adjustmentId: 'a-1', warehouseId: 'main', lines: [{ sku: 'ADJ', delta: -8 }] },
    'evt-a-1',
  );
  const itemsRead = harness.tally.itemsRead;
  // The two newest holders (lowest priority, FIFO) gave their units back; the oldest kept its own.
  expect(outcome.kind).toBe('applied');
  const { items } = await harness.readAll();
  const statusOf = (orderId: string) =>
    items.find((item) => item.entity === 'order' && item.tenantId === tenantId && item.orderId === orderId)
      ?.status;
  expect(['h-1', 'h-2', 'h-3'].map(statusOf)).toEqual(['ReadyToPick', 'AwaitingStock', 'AwaitingStock']);
  return itemsRead;
};

it('reads as many items with 3,000 unrelated open orders as with 1,000', async () => {
  const small = await itemsReadByAdjustment('adj-small', 1_000);
  const large = await itemsReadByAdjustment('adj-large', 3_000);
  expect(large).toBe(small);
  expect(small).toBeLessThan(50);
}, 300_000);
