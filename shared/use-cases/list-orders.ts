import type { OrderStatus } from '../domain/order.js';
import type { OperatorQueries, OrderListPage } from '../ports/operator-queries.js';
import type { Clock } from './ports.js';

const DAY_MS = 24 * 3600 * 1000;

export interface OrderListRequest {
  status?: OrderStatus;
  sku?: string;
  channel?: string;
  customer?: string;
  warehouse?: string;
  olderThanDays?: number;
  fillable?: boolean;
  sort?: 'oldest' | 'newest';
  limit: number;
  cursor?: string;
}

/**
 * The operator's order list. Awaiting Stock is the main view, so it is the default status; the
 * longest-waiting orders come first unless the caller asks for the newest.
 */
export const listOrders = (
  queries: OperatorQueries,
  clock: Clock,
  tenantId: string,
  request: OrderListRequest,
): Promise<OrderListPage> =>
  queries.listOrders({
    tenantId,
    status: request.status ?? 'AwaitingStock',
    filters: {
      ...(request.sku !== undefined ? { sku: request.sku } : {}),
      ...(request.channel !== undefined ? { channel: request.channel } : {}),
      ...(request.customer !== undefined ? { customer: request.customer } : {}),
      ...(request.warehouse !== undefined ? { warehouseId: request.warehouse } : {}),
      ...(request.fillable !== undefined ? { fillable: request.fillable } : {}),
    },
    ...(request.olderThanDays !== undefined
      ? { createdBefore: new Date(Date.parse(clock()) - request.olderThanDays * DAY_MS).toISOString() }
      : {}),
    newestFirst: request.sort === 'newest',
    limit: request.limit,
    ...(request.cursor !== undefined ? { cursor: request.cursor } : {}),
  });
