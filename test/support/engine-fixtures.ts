import type { DecisionContext, StateSnapshot } from '../../shared/allocation/decision.js';
import type { InboundSupply } from '../../shared/domain/inbound.js';
import type { IncomingOrder } from '../../shared/domain/inputs.js';
import type { SaleOrder } from '../../shared/domain/order.js';
import type { StockLevel } from '../../shared/domain/stock.js';
import type { PolicyConfig } from '../../shared/policy/policy.js';

export const TENANT = 't1';
export const WAREHOUSE = 'main';

export const context = (
  overrides: Partial<DecisionContext> = {},
  policies: PolicyConfig = {},
): DecisionContext => ({
  tenantId: TENANT,
  now: '2026-11-28T10:00:00.000Z',
  eventId: 'evt-1',
  actor: { kind: 'system', id: 'test' },
  policies,
  ...overrides,
});

export const stock = (sku: string, onHand: number, allocated = 0, warehouseId = WAREHOUSE): StockLevel => ({
  tenantId: TENANT,
  warehouseId,
  sku,
  onHand,
  allocated,
});

export const incoming = (
  orderId: string,
  lines: Array<[sku: string | null, quantity: number]>,
  extra: Partial<IncomingOrder> = {},
): IncomingOrder => ({
  orderId,
  warehouseId: WAREHOUSE,
  channel: 'shopify',
  channelOrderId: orderId,
  customer: { name: 'Ada' },
  createdAt: '2026-11-28T09:00:00.000Z',
  lines: lines.map(([sku, quantity], index) => ({ lineId: String(index + 1), sku, quantity })),
  ...extra,
});

/** A stored order, as the repository would load it. */
export const order = (
  orderId: string,
  status: SaleOrder['status'],
  lines: Array<[sku: string | null, quantity: number, allocated: number]>,
  extra: Partial<SaleOrder> = {},
): SaleOrder => ({
  tenantId: TENANT,
  orderId,
  warehouseId: WAREHOUSE,
  channel: 'shopify',
  channelOrderId: orderId,
  customer: { name: 'Ada' },
  createdAt: '2026-11-28T09:00:00.000Z',
  status,
  lines: lines.map(([sku, quantity, allocated], index) => ({
    lineId: String(index + 1),
    sku,
    quantity,
    allocated,
  })),
  backorderIds: [],
  fillable: false,
  notes: [],
  version: 1,
  ...extra,
});

export const snapshot = (
  stockLevels: StockLevel[],
  orders: SaleOrder[] = [],
  inbound: StateSnapshot['inbound'] = [],
) => ({
  stock: stockLevels,
  orders,
  inbound,
});

/** Expected supply of `quantity` units of `sku`, due at `eta`. */
export const inboundSupply = (
  sku: string,
  quantity: number,
  eta: string,
  warehouseId = WAREHOUSE,
): InboundSupply => ({
  tenantId: TENANT,
  inboundId: `PO-${sku}-${eta}`,
  warehouseId,
  sku,
  quantity,
  eta,
});
