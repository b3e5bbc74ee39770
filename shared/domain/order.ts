import type { PolicyLayer } from '../policy/policy.js';

export const ORDER_STATUSES = [
  'AwaitingStock',
  'ReadyToPick',
  'InFulfilment',
  'Dispatched',
  'OnHold',
  'Cancelled',
  'Rejected',
  'Merged',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses whose allocations no automatic rule may change (DESIGN §4 rule 3). */
export const LOCKED_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'InFulfilment',
  'Dispatched',
  'Cancelled',
  'OnHold',
  'Rejected',
  'Merged',
]);

export interface OrderLine {
  lineId: string;
  /** `null` marks a line that is not stock-managed (gift card, custom item): kept, never allocated. */
  sku: string | null;
  /** Units this order is to ship; after a split or a drop it is what stayed on this order. */
  quantity: number;
  allocated: number;
  /** Units actually shipped, set at dispatch. */
  shipped?: number;
  /** Units removed from the order by the `dropShort` policy. */
  dropped?: number;
  title?: string;
  /** On a kit's component line (DESIGN §14): the kit line it belongs to, the kit SKU, and units per kit. */
  kitLineId?: string;
  kitSku?: string;
  perKit?: number;
}

export interface Customer {
  id?: string;
  name?: string;
  email?: string;
  phone?: string;
}

export interface SaleOrder {
  tenantId: string;
  orderId: string;
  warehouseId: string;
  channel: string;
  channelOrderId: string;
  customer: Customer;
  createdAt: string;
  /** Higher is served first under `priorityThenFifo`. */
  priority?: number;
  shipBy?: string;
  status: OrderStatus;
  lines: OrderLine[];
  /** The order this one was split from. */
  parentId?: string;
  /** When it was split from its parent (a backorder's wait counts from then). */
  splitAt?: string;
  /** Backorders split from this order, oldest first. */
  backorderIds: string[];
  /** Could be filled now but waits for a person (`autoAllocate: false`). */
  fillable: boolean;
  /** While the missing stock is due within `splitDelayDays`, the split waits until this time. */
  splitDueAt?: string;
  policyOverride?: PolicyLayer;
  /** The channel's version of the order when it arrived. */
  channelVersion?: string;
  /** The `seq` of the change its channel sent before it that intake read (and applied), if any. */
  channelChangeSeq?: number;
  /** The last channel change this order refused (a fingerprint), so a redelivery is not refused twice. */
  refusedChange?: string;
  /** When the sweep announced it `Backorder Overdue` (`escalateAfterDays`): it is announced once. */
  escalatedAt?: string;
  notes: string[];
  /** Incremented on every committed change; the repository uses it for optimistic locking. */
  version: number;
}

export const isStockManaged = (line: OrderLine): line is OrderLine & { sku: string } => line.sku !== null;

/** When an order started waiting: a backorder at its split, any other order at its creation. */
export const waitingSince = (order: Pick<SaleOrder, 'createdAt' | 'splitAt'>): string =>
  order.splitAt ?? order.createdAt;

/** Units a line still needs before it is fully allocated. */
export const shortfall = (line: OrderLine): number =>
  isStockManaged(line) ? Math.max(0, line.quantity - line.allocated) : 0;

export const isFullyAllocated = (order: Pick<SaleOrder, 'lines'>): boolean =>
  order.lines.every((line) => shortfall(line) === 0);

export const totalAllocated = (order: Pick<SaleOrder, 'lines'>): number =>
  order.lines.reduce((sum, line) => sum + line.allocated, 0);

export const shortLines = (order: Pick<SaleOrder, 'lines'>): Array<OrderLine & { sku: string }> =>
  order.lines.filter((line): line is OrderLine & { sku: string } => shortfall(line) > 0);

/** The status an open order's lines imply: waiting while any managed line is short. */
export const statusFromLines = (order: Pick<SaleOrder, 'lines'>): 'AwaitingStock' | 'ReadyToPick' =>
  isFullyAllocated(order) ? 'ReadyToPick' : 'AwaitingStock';
