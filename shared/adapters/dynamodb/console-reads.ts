/**
 * The console's counting reads: every order of one status (only the fields a summary needs), a
 * status's count, and where orders stand in their SKU queues. All on the table's indexes.
 */
import type { OrderStatus, SaleOrder } from '../../domain/order.js';
import type { QueueMembers, WaitingOrderFigures } from '../../ports/operator-queries.js';
import { documentSdk } from '../aws-sdk.js';
import { statusPartition, waitingPartition } from './keys.js';
import { queryAll, type TableAccess } from './table-reads.js';
import { TableAttr, TableIndex } from './table-schema.js';

/** What a summary reads of each order: a few fields, not the stored history entry. */
const FIGURE_FIELDS = ['orderId', 'warehouseId', 'createdAt', 'fillable', 'lines'] as const;

const statusQuery = (tableName: string, tenantId: string, status: OrderStatus, warehouseId?: string) => ({
  TableName: tableName,
  IndexName: TableIndex.byStatus,
  KeyConditionExpression: '#statusPk = :statusPk',
  ...(warehouseId !== undefined ? { FilterExpression: '#warehouseId = :warehouseId' } : {}),
  ExpressionAttributeNames: {
    '#statusPk': TableAttr.statusPk,
    ...(warehouseId !== undefined ? { '#warehouseId': 'warehouseId' } : {}),
  },
  ExpressionAttributeValues: {
    ':statusPk': statusPartition(tenantId, status),
    ...(warehouseId !== undefined ? { ':warehouseId': warehouseId } : {}),
  },
});

/** Every order of the status (in one warehouse, if given), oldest first: one Query, paged. */
export const ordersOfStatus = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  status: OrderStatus,
  warehouseId?: string,
): Promise<WaitingOrderFigures[]> => {
  const query = statusQuery(tableName, tenantId, status, warehouseId);
  const items = await queryAll(client, {
    ...query,
    ProjectionExpression: FIGURE_FIELDS.map((field) => `#${field}`).join(', '),
    ExpressionAttributeNames: {
      ...query.ExpressionAttributeNames,
      ...Object.fromEntries(FIGURE_FIELDS.map((field) => [`#${field}`, field])),
    },
  });
  return items as unknown as Array<Pick<SaleOrder, (typeof FIGURE_FIELDS)[number]>>;
};

/** How many orders are in the status (in one warehouse, if given): the index counts, nothing returns. */
export const countOfStatus = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  status: OrderStatus,
  warehouseId?: string,
): Promise<number> => {
  const { QueryCommand } = await documentSdk();
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        ...statusQuery(tableName, tenantId, status, warehouseId),
        Select: 'COUNT',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
};

/**
 * Each order's 1-based place in one SKU's queue: the queue is read from its front, ids only, until
 * every order asked about is found or `depth` entries were read (those further back get none).
 */
export const positionsInQueue = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  queue: QueueMembers,
  depth: number,
): Promise<Map<string, number>> => {
  const { QueryCommand } = await documentSdk();
  const wanted = new Set(queue.orderIds);
  const positions = new Map<string, number>();
  let read = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: TableIndex.waiting,
        KeyConditionExpression: '#waitPk = :waitPk',
        ProjectionExpression: 'orderId',
        ExpressionAttributeNames: { '#waitPk': TableAttr.waitPk },
        ExpressionAttributeValues: {
          ':waitPk': waitingPartition(tenantId, queue.warehouseId, queue.sku),
        },
        Limit: Math.min(250, depth - read),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      read += 1;
      const orderId = String(item.orderId);
      if (wanted.has(orderId)) positions.set(orderId, read);
    }
    start = page.LastEvaluatedKey;
  } while (start && positions.size < wanted.size && read < depth);
  return positions;
};
