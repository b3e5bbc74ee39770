import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidInputError } from '../../domain/errors.js';
import type { OrderStatus } from '../../domain/order.js';
import type { StockLevel } from '../../domain/stock.js';
import { jsonBytes, LIMITS } from '../../limits.js';
import type {
  OperatorQueries,
  OrderListPage,
  OrderListQuery,
  QueueMembers,
} from '../../ports/operator-queries.js';
import { documentSdk } from '../aws-sdk.js';
import { countOfStatus, ordersOfStatus, positionsInQueue } from './console-reads.js';
import { type Item, orderFromItem, stockFromItem } from './items.js';
import { orderFamilyPk, stockPk } from './keys.js';
import { type ListPosition, readCursor, signCursor } from './list-cursor.js';
import { filtersNarrow, matchesInCode, orderListRequest } from './order-list-request.js';
import { TableAttr } from './table-schema.js';

/** Orders a filtered list may read for one page before it answers with what it found so far. */
const READ_BUDGET = 2_000;
/** Query page size when filters may discard most of what a page reads. */
const FILTERED_PAGE_SIZE = 250;

export interface OperatorQueriesOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  cursorSecret: string;
  /** Tests make these small to reach the budget with few orders. */
  readBudget?: number;
  filteredPageSize?: number;
  /** The most a page's orders may weigh as JSON; default `LIMITS.pageBytes`. */
  pageBytes?: number;
}

const positionOf = (item: Item): ListPosition => ({
  pk: String(item.pk),
  sk: String(item.sk),
  statusSk: String(item[TableAttr.statusSk]),
});

/** A cursor belongs to one tenant and one query: the same status, order and filters. */
const bindingOf = (query: OrderListQuery): string =>
  JSON.stringify([query.tenantId, query.status, query.newestFirst, query.filters]);

/** The operator's reads, on the `byStatus` index and the stock partitions: never a table scan. */
export class DynamoDbOperatorQueries implements OperatorQueries {
  constructor(private readonly options: OperatorQueriesOptions) {}

  /**
   * One page of orders. Filters may leave a Query page short, so further pages are read until the
   * page is full, the list ends, or the read budget is spent; the cursor points just past the last
   * order returned (or read, when the budget ran out), so no order is skipped or repeated.
   */
  async listOrders(query: OrderListQuery): Promise<OrderListPage> {
    const { client, tableName, cursorSecret } = this.options;
    const { QueryCommand } = await documentSdk();
    const binding = bindingOf(query);
    let start = query.cursor ? readCursor(cursorSecret, binding, query.cursor) : undefined;
    // Signed for this tenant, so it is theirs; checked again because a wrong start key would fail the Query.
    if (start && !start.pk.startsWith(orderFamilyPk(query.tenantId, ''))) {
      throw new InvalidInputError('The cursor is not valid for this query', { parameter: 'cursor' });
    }
    const keep = matchesInCode(query.filters);
    const pageSize = filtersNarrow(query.filters)
      ? (this.options.filteredPageSize ?? FILTERED_PAGE_SIZE)
      : query.limit + 1;
    const found: Item[] = [];
    // A page must fit a Lambda response (6 MiB) however large its orders: it ends early if not.
    const byteBudget = this.options.pageBytes ?? LIMITS.pageBytes;
    let bytes = 0;
    let read = 0;
    for (;;) {
      const page = await client.send(new QueryCommand(orderListRequest(tableName, query, start, pageSize)));
      for (const item of (page.Items ?? []) as Item[]) {
        const order = orderFromItem(item);
        if (!keep(order)) continue;
        bytes += jsonBytes(order);
        if (bytes > byteBudget && found.length > 0) return this.page(found, binding, true);
        found.push(item);
        if (found.length > query.limit) return this.page(found.slice(0, query.limit), binding, true);
      }
      read += page.ScannedCount ?? 0;
      const next = page.LastEvaluatedKey as Item | undefined;
      if (!next) return this.page(found, binding, false);
      start = positionOf(next);
      if (read >= (this.options.readBudget ?? READ_BUDGET)) {
        return { orders: found.map(orderFromItem), cursor: signCursor(cursorSecret, binding, start) };
      }
    }
  }

  async stockLevels(tenantId: string, sku: string): Promise<StockLevel[]> {
    const { client, tableName } = this.options;
    const { QueryCommand } = await documentSdk();
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'pk' },
        ExpressionAttributeValues: { ':pk': stockPk(tenantId, sku) },
        ConsistentRead: true,
      }),
    );
    return ((result.Items ?? []) as Item[]).map((item) =>
      stockFromItem(item, tenantId, String(item.warehouseId), sku),
    );
  }

  ordersOfStatus(tenantId: string, status: OrderStatus, warehouseId?: string) {
    return ordersOfStatus(this.options, tenantId, status, warehouseId);
  }

  countOfStatus(tenantId: string, status: OrderStatus, warehouseId?: string) {
    return countOfStatus(this.options, tenantId, status, warehouseId);
  }

  positionsInQueue(tenantId: string, queue: QueueMembers, depth: number) {
    return positionsInQueue(this.options, tenantId, queue, depth);
  }

  private page(items: Item[], binding: string, more: boolean): OrderListPage {
    const last = items.at(-1);
    return {
      orders: items.map(orderFromItem),
      ...(more && last ? { cursor: signCursor(this.options.cursorSecret, binding, positionOf(last)) } : {}),
    };
  }
}
