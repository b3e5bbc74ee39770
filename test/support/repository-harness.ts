import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbBackorderRepository } from '../../shared/adapters/dynamodb/dynamodb-backorder-repository.js';
import { historyOf, storedEntryOf } from '../../shared/adapters/dynamodb/history-records.js';
import {
  ENTITY,
  EntryAttr,
  type Item,
  orderFromItem,
  stockFromItem,
} from '../../shared/adapters/dynamodb/items.js';
import { policyKey } from '../../shared/adapters/dynamodb/keys.js';
import {
  attachRequestAccounting,
  emptyTally,
  type RequestTally,
} from '../../shared/adapters/dynamodb/request-accounting.js';
import { TableAttr } from '../../shared/adapters/dynamodb/table-schema.js';
import type { InboundSupply } from '../../shared/domain/inbound.js';
import type { PolicyConfig } from '../../shared/policy/policy.js';
import type { AllocationPorts } from '../../shared/use-cases/ports.js';
import { createTestTables, type TestTables } from './tables.js';

export interface RepositoryHarness {
  tables: TestTables;
  repository: DynamoDbBackorderRepository;
  ports: AllocationPorts;
  tally: RequestTally;
  resetTally(): void;
  setPolicies(tenantId: string, config: PolicyConfig): Promise<void>;
  addInbound(supply: InboundSupply): Promise<void>;
  readAll(): Promise<{ items: Item[] } & ReturnType<typeof splitItems>>;
  drop(): Promise<void>;
}

const OUTBOX_LISTING = [EntryAttr.outboxSlot, EntryAttr.outboxPk, EntryAttr.outboxSk, EntryAttr.publishedAt];

/**
 * Every stored history entry as one flat record, wherever it is kept (on its order item while it
 * is the latest, else on its own history item): its holder's keys and entity (`heldBy`), the
 * entry's fields, its events when it has any, and its outbox listing.
 */
const storedEntries = (items: Item[]): Item[] =>
  items.flatMap((item) => {
    const stored = storedEntryOf(item);
    if (!stored) return [];
    const listing = OUTBOX_LISTING.filter((name) => item[name] !== undefined).map((name) => [
      name,
      item[name],
    ]);
    return [
      {
        pk: item.pk,
        sk: item.sk,
        heldBy: item.entity,
        ...stored.entry,
        ...(stored.events.length > 0 ? { events: stored.events } : {}),
        ...Object.fromEntries(listing),
      },
    ];
  });

/**
 * Each place an order stands in a SKU's queue: its wait items, and its order item when that
 * stands in a queue itself (waiting-records.ts), with the SKU the queue is for.
 */
const waitingEntries = (items: Item[]): Item[] =>
  items.flatMap((item) => {
    if (item.entity === ENTITY.wait) return [item];
    const partition = item.entity === ENTITY.order ? item[TableAttr.waitPk] : undefined;
    if (typeof partition !== 'string' || partition.startsWith('HOLD#')) return [];
    const queue = `${String(item.tenantId)}#${String(item.warehouseId)}#`;
    return [
      {
        pk: item.pk,
        sk: item.sk,
        entity: item.entity,
        tenantId: item.tenantId,
        orderId: item.orderId,
        sku: partition.startsWith(queue) ? partition.slice(queue.length) : partition,
        [TableAttr.waitPk]: partition,
        [TableAttr.waitSk]: item[TableAttr.waitSk],
      },
    ];
  });

const splitItems = (items: Item[]) => ({
  orders: items.filter((item) => item.entity === ENTITY.order).map(orderFromItem),
  stock: items
    .filter((item) => item.entity === ENTITY.stock)
    .map((item) => stockFromItem(item, String(item.tenantId), String(item.warehouseId), String(item.sku))),
  history: historyOf(items),
  historyItems: storedEntries(items),
  waits: waitingEntries(items),
});

/** The checked view of items read back (see stored-state.ts), as `readAll` returns it. */
export const storedStateOf = (items: Item[]) => ({ items, ...splitItems(items) });

/** Every item of the table, read consistently. */
export const scanAll = async (tables: Pick<TestTables, 'client' | 'tableName'>): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await tables.client.send(
      new ScanCommand({
        TableName: tables.tableName,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** A repository on this test file's own copy of the template's tables, with its requests counted. */
export const createRepositoryHarness = async (
  label: string,
  now = () => new Date().toISOString(),
): Promise<RepositoryHarness> => {
  const tables = await createTestTables(label);
  const tally = emptyTally();
  attachRequestAccounting(tables.dynamodb, tally);
  const repository = new DynamoDbBackorderRepository({
    client: tables.client,
    tableName: tables.tableName,
    policyCacheMs: 0,
  });
  const ports: AllocationPorts = { repository, clock: now, sleep: async () => undefined };
  return {
    tables,
    repository,
    ports,
    tally,
    resetTally: () => Object.assign(tally, emptyTally()),
    setPolicies: async (tenantId, config) => {
      await tables.client.send(
        new PutCommand({ TableName: tables.tableName, Item: { ...policyKey(tenantId), config } }),
      );
    },
    addInbound: (supply) => repository.saveInbound(supply),
    readAll: async () => {
      return storedStateOf(await scanAll(tables));
    },
    drop: () => tables.drop(),
  };
};
