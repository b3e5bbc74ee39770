/**
 * Orders found through the table's indexes: a SKU's waiting queue, and the holders of its stock.
 * The indexes are eventually consistent, so what they find is only a candidate: the repository
 * reads the orders themselves again, consistently, before deciding anything on them.
 */
import type { StockTarget } from '../../allocation/serve-waiting.js';
import { documentSdk } from '../aws-sdk.js';
import { ENTITY, type Item } from './items.js';
import { holdingPartition, waitingPartition } from './keys.js';
import type { TableAccess } from './table-reads.js';
import { TableAttr, TableIndex } from './table-schema.js';

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
const decodeCursor = (cursor: string | undefined) =>
  cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>) : undefined;

interface Page {
  limit: number;
  cursor?: string;
}

/** One page of a partition of the `waiting` index: its items, in index order. */
const waitingIndexPage = async (
  { client, tableName }: TableAccess,
  partition: string,
  page: Page,
  newestFirst: boolean,
): Promise<{ items: Item[]; cursor?: string }> => {
  const exclusiveStartKey = decodeCursor(page.cursor);
  const { QueryCommand } = await documentSdk();
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: TableIndex.waiting,
      KeyConditionExpression: '#waitPk = :waitPk',
      ExpressionAttributeNames: { '#waitPk': TableAttr.waitPk },
      ExpressionAttributeValues: { ':waitPk': partition },
      ...(newestFirst ? { ScanIndexForward: false } : {}),
      Limit: page.limit,
      ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
    }),
  );
  const cursor = encodeCursor(result.LastEvaluatedKey);
  return { items: (result.Items ?? []) as Item[], ...(cursor ? { cursor } : {}) };
};

/** One page of a partition of the `waiting` index: the ids of its orders, once each, in index order. */
const orderIdsOnWaitingIndex = async (
  access: TableAccess,
  partition: string,
  page: Page,
  newestFirst: boolean,
): Promise<{ orderIds: string[]; cursor?: string }> => {
  const { items, cursor } = await waitingIndexPage(access, partition, page, newestFirst);
  const orderIds = [...new Set(items.map((item) => String(item.orderId)))];
  return { orderIds, ...(cursor ? { cursor } : {}) };
};

/**
 * One page of the SKU's waiting queue: the ids of its orders in queue order, the order items that
 * stand in it themselves (waiting-records.ts) as the index holds them, and the ids of the orders
 * a wait item stands for.
 */
export const waitingQueuePage = async (
  access: TableAccess,
  tenantId: string,
  target: StockTarget,
  page: Page,
): Promise<{ orderIds: string[]; orders: Item[]; waitItemOrderIds: string[]; cursor?: string }> => {
  const partition = waitingPartition(tenantId, target.warehouseId, target.sku);
  const { items, cursor } = await waitingIndexPage(access, partition, page, false);
  return {
    orderIds: [...new Set(items.map((item) => String(item.orderId)))],
    orders: items.filter((item) => item.entity === ENTITY.order),
    waitItemOrderIds: [
      ...new Set(items.filter((item) => item.entity !== ENTITY.order).map((item) => String(item.orderId))),
    ],
    ...(cursor ? { cursor } : {}),
  };
};

/**
 * One page of the holders of the target's SKU (holding-records.ts), lowest priority first: the ids
 * of the orders, once each (an order appears by its order item or by a hold item).
 */
export const holdingOrderIds = (access: TableAccess, tenantId: string, target: StockTarget, page: Page) =>
  orderIdsOnWaitingIndex(access, holdingPartition(tenantId, target.warehouseId, target.sku), page, true);
