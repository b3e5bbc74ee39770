import type * as z from 'zod/mini';
import type { Explanation } from '../allocation/explain.js';
import { isStockManaged, type OrderLine, type SaleOrder, shortfall } from '../domain/order.js';
import { availableOf, type StockLevel } from '../domain/stock.js';
import { type ExpectedDates, promiseKey } from '../promises/expected-dates.js';
import { positionKey, type QueuePositions } from '../use-cases/queue-positions.js';
import type { OrderDetail } from '../use-cases/view-order.js';
import { kitLinesOf } from './kit-views.js';
import type { dryRunView, lineView, orderDetailView, orderSummaryView } from './response-schemas.js';

/** Domain objects as the operator API shows them (the shapes in `response-schemas.ts`). */

const lineOf = (
  line: OrderLine,
  queuePosition?: number,
  expectedBy?: string | null,
): z.output<typeof lineView> => ({
  lineId: line.lineId,
  sku: line.sku,
  ...(line.title !== undefined ? { title: line.title } : {}),
  quantity: line.quantity,
  allocated: line.allocated,
  shortfall: shortfall(line),
  ...(line.shipped !== undefined ? { shipped: line.shipped } : {}),
  ...(line.kitLineId !== undefined ? { kitLineId: line.kitLineId } : {}),
  ...(line.kitSku !== undefined ? { kitSku: line.kitSku } : {}),
  ...(line.dropped !== undefined ? { dropped: line.dropped } : {}),
  ...(queuePosition !== undefined ? { queuePosition } : {}),
  ...(expectedBy !== undefined ? { expectedBy } : {}),
});

/**
 * An order in a list; `positions`, when given, place its waiting lines in their SKU queues, and
 * `dates` give them their expected dates.
 */
export const orderSummaryOf = (
  order: SaleOrder,
  positions?: QueuePositions,
  dates?: ExpectedDates,
): z.output<typeof orderSummaryView> => ({
  orderId: order.orderId,
  status: order.status,
  warehouseId: order.warehouseId,
  channel: order.channel,
  channelOrderId: order.channelOrderId,
  customer: order.customer ?? {},
  createdAt: order.createdAt,
  ...(order.priority !== undefined ? { priority: order.priority } : {}),
  ...(order.shipBy !== undefined ? { shipBy: order.shipBy } : {}),
  ...(order.policyOverride?.strategy !== undefined ? { strategy: order.policyOverride.strategy } : {}),
  fillable: order.fillable,
  ...(order.parentId !== undefined ? { parentId: order.parentId } : {}),
  backorderIds: order.backorderIds,
  lines: order.lines.map((line) =>
    lineOf(
      line,
      line.sku !== null ? positions?.get(positionKey(order.warehouseId, line.sku, order.orderId)) : undefined,
      line.sku !== null && shortfall(line) > 0
        ? dates?.get(promiseKey(order.warehouseId, line.sku, order.orderId))?.expectedBy
        : undefined,
    ),
  ),
});

export const orderDetailOf = (
  detail: OrderDetail,
  positions?: QueuePositions,
  dates?: ExpectedDates,
): z.output<typeof orderDetailView> => ({
  order: {
    ...orderSummaryOf(detail.order, positions, dates),
    notes: detail.order.notes,
    ...(detail.order.splitDueAt !== undefined ? { splitDueAt: detail.order.splitDueAt } : {}),
    version: detail.order.version,
    ...(detail.order.lines.some((line) => line.kitLineId !== undefined)
      ? { kitLines: kitLinesOf(detail.order) }
      : {}),
    allocations: detail.order.lines
      .filter(isStockManaged)
      .filter((line) => line.allocated > 0)
      .map((line) => ({
        lineId: line.lineId,
        sku: line.sku,
        warehouseId: detail.order.warehouseId,
        allocated: line.allocated,
      })),
  },
  family: {
    rootOrderId: detail.family.find((member) => !member.parentId)?.orderId ?? detail.order.orderId,
    parent: detail.parent ? orderSummaryOf(detail.parent) : null,
    backorders: detail.backorders.map((member) => orderSummaryOf(member)),
    members: detail.family.map((member) => orderSummaryOf(member)),
  },
  history: detail.history.map(({ tenantId: _tenant, orderId: _order, ...entry }) => entry),
});

const figuresOf = (level: StockLevel) => ({
  onHand: level.onHand,
  allocated: level.allocated,
  available: availableOf(level),
});

/** A dry run: the explanation, and what would change, without the stored internals. */
export const dryRunOf = ({ decision, lines }: Explanation): z.output<typeof dryRunView> => ({
  dryRun: true,
  explanation: lines,
  orders: decision.orders.map(({ before, after }) => ({
    orderId: after.orderId,
    statusBefore: before?.status ?? null,
    statusAfter: after.status,
    lines: after.lines.map((line) => lineOf(line)),
  })),
  stock: decision.stock.map(({ before, after }) => ({
    warehouseId: after.warehouseId,
    sku: after.sku,
    before: figuresOf(before),
    after: figuresOf(after),
  })),
  events: decision.events.map((event) => ({ detailType: event.detailType, orderId: event.detail.orderId })),
});
