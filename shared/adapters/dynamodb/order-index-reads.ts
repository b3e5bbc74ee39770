/**
 * Orders found through the table's indexes: a SKU's waiting queue, and the orders of a status.
 * The indexes are eventually consistent, so what they find is only a candidate: the repository
 * reads the orders themselves again, consistently, before deciding anything on them.
 */
import type { StockTarget } from '../../allocation/serve-waiting.js';
import type { OrderStatus, SaleOrder } from '../../domain/order.js';
import { documentSdk } from '../aws-sdk.js';
import { orderFromItem } from './items.js';
import { statusPartition, waitingPartition } from './keys.js';
import { queryAll, type TableAccess } from './table-reads.js';
import { TableAttr, TableIndex } from './table-schema.js';

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
const decodeCursor = (cursor: string | undefined) =>
  cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>) : undefined;

/** One page of the SKU's waiting queue, in queue order: the ids of the orders waiting in it. */
export const waitingOrderIds = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  target: StockTarget,
  page: { limit: number; cursor?: string },
): Promise<{ orderIds: string[]; cursor?: string }> => {
  const exclusiveStartKey = decodeCursor(page.cursor);
  const { QueryCommand } = await documentSdk();
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: TableIndex.waiting,
      KeyConditionExpression: '#waitPk = :waitPk',
      ExpressionAttributeNames: { '#waitPk': TableAttr.waitPk },
      ExpressionAttributeValues: { ':waitPk': waitingPartition(tenantId, target.warehouseId, target.sku) },
      Limit: page.limit,
      ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
    }),
  );
  const orderIds = (result.Items ?? []).map((item) => String(item.orderId));
  const cursor = encodeCursor(result.LastEvaluatedKey);
  return { orderIds, ...(cursor ? { cursor } : {}) };
};

/** Orders of these statuses, as the status index has them, that hold stock of the target's SKU. */
export const ordersHoldingStock = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  target: StockTarget,
  statuses: readonly OrderStatus[],
): Promise<SaleOrder[]> => {
  const pages = await Promise.all(
    statuses.map((status) =>
      queryAll(client, {
        TableName: tableName,
        IndexName: TableIndex.byStatus,
        KeyConditionExpression: '#statusPk = :statusPk',
        ExpressionAttributeNames: { '#statusPk': TableAttr.statusPk },
        ExpressionAttributeValues: { ':statusPk': statusPartition(tenantId, status) },
      }),
    ),
  );
  return pages
    .flat()
    .map(orderFromItem)
    .filter(
      (order) =>
        order.warehouseId === target.warehouseId &&
        order.lines.some((line) => line.sku === target.sku && line.allocated > 0),
    );
};
