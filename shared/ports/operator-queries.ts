import type { OrderStatus, SaleOrder } from '../domain/order.js';
import type { StockLevel } from '../domain/stock.js';

export interface OrderFilters {
  sku?: string;
  channel?: string;
  /** A customer id or email (any case), or part of a name. */
  customer?: string;
  warehouseId?: string;
  fillable?: boolean;
}

export interface OrderListQuery {
  tenantId: string;
  status: OrderStatus;
  filters: OrderFilters;
  /** Only orders created before this ISO 8601 time. */
  createdBefore?: string;
  newestFirst: boolean;
  limit: number;
  /** From the previous page of the same query and tenant; anything else is refused. */
  cursor?: string;
}

export interface OrderListPage {
  orders: SaleOrder[];
  /** Present when more orders may follow. */
  cursor?: string;
}

/** What the console's summary reads of a waiting order. */
export type WaitingOrderFigures = Pick<
  SaleOrder,
  'orderId' | 'warehouseId' | 'createdAt' | 'fillable' | 'lines'
>;

/** Orders asked about in one SKU's queue. */
export interface QueueMembers {
  warehouseId: string;
  sku: string;
  orderIds: string[];
}

/** The reads behind the operator's views that the allocation use cases never need. */
export interface OperatorQueries {
  listOrders(query: OrderListQuery): Promise<OrderListPage>;
  /** The SKU's stock level in every warehouse that has one. */
  stockLevels(tenantId: string, sku: string): Promise<StockLevel[]>;
  /** Every order of the status, in one warehouse if given, with the figures a summary needs. */
  ordersOfStatus(tenantId: string, status: OrderStatus, warehouseId?: string): Promise<WaitingOrderFigures[]>;
  countOfStatus(tenantId: string, status: OrderStatus, warehouseId?: string): Promise<number>;
  /**
   * Each order's 1-based place in the SKU's queue, for those within the first `depth` places (the
   * queue is read from its front, so the cost is the depth of the furthest order asked about).
   */
  positionsInQueue(tenantId: string, queue: QueueMembers, depth: number): Promise<Map<string, number>>;
}
