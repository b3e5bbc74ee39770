import type { IncomingOrder } from '../../shared/domain/inputs.js';
import { WAREHOUSE } from './harness.js';

/** An order from a sales channel: one line per SKU, `units` of each. */
export const channelOrder = (orderId: string, skus: readonly string[], units = 1): IncomingOrder => ({
  orderId,
  warehouseId: WAREHOUSE,
  channel: 'shopify',
  channelOrderId: orderId,
  customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
  createdAt: new Date().toISOString(),
  lines: skus.map((sku, index) => ({ lineId: String(index + 1), sku, quantity: units })),
});

/** `count` distinct SKU names under a prefix. */
export const skuNames = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => `${prefix}-${String(index + 1).padStart(3, '0')}`);

/** Lines that took stock, over orders as the use cases leave them. */
export const allocatedLines = (orders: ReadonlyArray<{ lines: ReadonlyArray<{ allocated: number }> }>) =>
  orders.reduce((sum, order) => sum + order.lines.filter((line) => line.allocated > 0).length, 0);
