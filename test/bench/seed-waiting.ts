/**
 * Waiting orders written straight to the table, item for item as the adapter would write them
 * (the engine decides each intake against no stock, the adapter turns the decision into items),
 * but with BatchWriteItem: a backlog of thousands is seeded in seconds, not minutes.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { decisionUnits } from '../../shared/adapters/dynamodb/decision-writes.js';
import { EntryAttr, type Item } from '../../shared/adapters/dynamodb/items.js';
import { decideIntake } from '../../shared/allocation/intake.js';
import { waitingRank } from '../../shared/allocation/waiting-queue.js';
import { SYSTEM_ACTOR } from '../../shared/domain/actor.js';
import type { IncomingOrder } from '../../shared/domain/inputs.js';
import { queuePriority } from '../../shared/policy/resolve-policy.js';
import type { BenchHarness } from './harness.js';
import { TENANT } from './harness.js';
import { groupsOf, runPool } from './pool.js';

const BATCH_WRITE_LIMIT = 25;

/**
 * The items a short intake writes, as they stand once its events are published: the order item
 * keeps its history entry (a receipt that serves the order moves it), but is off the outbox index.
 */
const waitingItems = (tableName: string, input: IncomingOrder): Item[] => {
  const decision = decideIntake(
    {
      tenantId: TENANT,
      now: input.createdAt,
      eventId: `seed-${input.orderId}`,
      actor: SYSTEM_ACTOR,
      policies: {},
    },
    { stock: [], orders: [] },
    input,
  );
  const units = decisionUnits(decision, {
    tableName,
    tenantId: TENANT,
    rankFor: (order, sku) => waitingRank(order, queuePriority({}, sku)),
    previousEntries: new Map(),
  });
  return units
    .flatMap((unit) => [...unit.early, ...unit.items])
    .flatMap((request) => (request.Put?.Item ? [request.Put.Item as Item] : []))
    .map(({ [EntryAttr.outboxPk]: _pk, [EntryAttr.outboxSk]: _sk, ...item }) => item);
};

export const seedWaitingOrders = async (
  harness: BenchHarness,
  orders: readonly IncomingOrder[],
  concurrency = 8,
): Promise<void> => {
  const items = orders.flatMap((input) => waitingItems(harness.tableName, input));
  await runPool(groupsOf(items, BATCH_WRITE_LIMIT), concurrency, async (group) => {
    let pending: Record<string, unknown>[] | undefined = group.map((Item) => ({ PutRequest: { Item } }));
    while (pending && pending.length > 0) {
      const result = await harness.client.send(
        new BatchWriteCommand({ RequestItems: { [harness.tableName]: pending as never } }),
      );
      pending = result.UnprocessedItems?.[harness.tableName] as typeof pending;
    }
  });
};
