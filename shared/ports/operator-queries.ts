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

/** The reads behind the operator's views that the allocation use cases never need. */
export interface OperatorQueries {
  listOrders(query: OrderListQuery): Promise<OrderListPage>;
  /** The SKU's stock level in every warehouse that has one. */
  stockLevels(tenantId: string, sku: string): Promise<StockLevel[]>;
}
