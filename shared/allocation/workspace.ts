import { InvalidInputError, OrderNotFoundError } from '../domain/errors.js';
import type { HistoryAction, HistoryEntry, LineSnapshot } from '../domain/history.js';
import { type OrderLine, type SaleOrder, shortfall } from '../domain/order.js';
import { availableOf, emptyStockLevel, type StockLevel, stockKey } from '../domain/stock.js';
import type { OutgoingEvent } from '../events/outgoing-events.js';
import type { ResolvedPolicy } from '../policy/policy.js';
import type { AllocationStep, Decision, DecisionContext, StateSnapshot, StockMovement } from './decision.js';
import { trimToWholeKits } from './kit-allocation.js';
import { mergeReadySiblings } from './merge-siblings.js';
import { emitTransitionEvents } from './order-events.js';
import { policyForOrder } from './order-policy.js';

interface OrderNotes {
  actions: HistoryAction[];
  reasons: string[];
  policy?: ResolvedPolicy;
}

/**
 * A private, mutable copy of the snapshot that one decision works on. It records every change so
 * that `finish` can return the decision without the caller's objects ever being touched.
 */
export class Workspace {
  private readonly stockLevels = new Map<string, StockLevel>();
  private readonly stockBefore = new Map<string, StockLevel>();
  private readonly orderMap = new Map<string, SaleOrder>();
  private readonly loaded = new Map<string, SaleOrder>();
  private readonly orderBefore = new Map<string, SaleOrder | null>();
  private readonly notes = new Map<string, OrderNotes>();
  private readonly events: OutgoingEvent[] = [];
  readonly steps: AllocationStep[] = [];
  private readonly movements: StockMovement[] = [];
  readonly inbound: StateSnapshot['inbound'];
  /** Orders whose ready siblings merge even if this decision changed neither (the merge follow-up). */
  mergeSeeds: ReadonlySet<string> = new Set();

  constructor(
    readonly context: DecisionContext,
    snapshot: StateSnapshot,
  ) {
    for (const level of snapshot.stock)
      this.stockLevels.set(stockKey(level.warehouseId, level.sku), { ...level });
    for (const order of snapshot.orders) {
      this.orderMap.set(order.orderId, structuredClone(order));
      this.loaded.set(order.orderId, order);
    }
    this.inbound = snapshot.inbound ?? [];
  }

  stock(warehouseId: string, sku: string): StockLevel {
    const key = stockKey(warehouseId, sku);
    let level = this.stockLevels.get(key);
    if (!level) {
      level = emptyStockLevel(this.context.tenantId, warehouseId, sku);
      this.stockLevels.set(key, level);
    }
    return level;
  }

  available(warehouseId: string, sku: string): number {
    return availableOf(this.stock(warehouseId, sku));
  }

  hasOrder(orderId: string): boolean {
    return this.orderMap.has(orderId);
  }

  order(orderId: string): SaleOrder {
    const order = this.orderMap.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    return order;
  }

  orders(): SaleOrder[] {
    return [...this.orderMap.values()];
  }

  /** Whether this decision changed (or created) the order. */
  isChanged(orderId: string): boolean {
    return this.orderBefore.has(orderId);
  }

  /** Registers an order created by this decision. */
  addOrder(order: SaleOrder): void {
    this.orderMap.set(order.orderId, order);
    this.orderBefore.set(order.orderId, null);
    this.touchOrder(order);
  }

  /**
   * Marks an order as changed. The before image comes from the loaded order, not the working copy,
   * so a field set before the first touch cannot leak into history or the optimistic-lock check.
   */
  touchOrder(order: SaleOrder): void {
    if (this.orderBefore.has(order.orderId)) return;
    this.orderBefore.set(order.orderId, structuredClone(this.loaded.get(order.orderId) ?? order));
  }

  /** Changes on-hand stock; `orderId` names the order that caused it (a dispatch). */
  changeOnHand(warehouseId: string, sku: string, delta: number, orderId?: string): void {
    const level = this.stock(warehouseId, sku);
    this.touchStock(level);
    level.onHand += delta;
    this.movements.push({
      warehouseId,
      sku,
      onHandDelta: delta,
      allocatedDelta: 0,
      ...(orderId ? { orderId } : {}),
    });
  }

  /** Moves `quantity` units of free stock onto a line (negative `quantity` gives them back). */
  allocate(order: SaleOrder, line: OrderLine & { sku: string }, quantity: number, reason: string): void {
    if (quantity === 0) return;
    if (
      quantity > 0 &&
      (quantity > shortfall(line) || quantity > this.available(order.warehouseId, line.sku))
    ) {
      throw new InvalidInputError(`Cannot allocate ${quantity} to line ${line.lineId}`, {
        orderId: order.orderId,
        lineId: line.lineId,
      });
    }
    if (quantity < 0 && -quantity > line.allocated) {
      throw new InvalidInputError(`Cannot release ${-quantity} from line ${line.lineId}`, {
        orderId: order.orderId,
        lineId: line.lineId,
      });
    }
    const level = this.stock(order.warehouseId, line.sku);
    this.touchOrder(order);
    this.touchStock(level);
    line.allocated += quantity;
    level.allocated += quantity;
    this.movements.push({
      warehouseId: order.warehouseId,
      sku: line.sku,
      onHandDelta: 0,
      allocatedDelta: quantity,
      orderId: order.orderId,
    });
    this.steps.push({
      orderId: order.orderId,
      lineId: line.lineId,
      warehouseId: order.warehouseId,
      sku: line.sku,
      quantity,
      reason,
    });
  }

  note(order: SaleOrder, action: HistoryAction, reason: string, policy?: ResolvedPolicy): void {
    this.touchOrder(order);
    const notes = this.notes.get(order.orderId) ?? { actions: [], reasons: [] };
    if (!notes.actions.includes(action)) notes.actions.push(action);
    notes.reasons.push(reason);
    if (policy) notes.policy = policy;
    this.notes.set(order.orderId, notes);
  }

  emit(event: OutgoingEvent): void {
    this.events.push(event);
  }

  finish(): Decision {
    const { tenantId, now, eventId, actor } = this.context;
    // Whatever rule allocated it, a waiting kit line keeps whole kits only (DESIGN §14).
    for (const orderId of [...this.orderBefore.keys()]) {
      const order = this.order(orderId);
      if (order.status === 'AwaitingStock' || order.status === 'OnHold') trimToWholeKits(this, order);
    }
    // Every decision ends the same way: a backorder it made ready ships with its ready parent.
    mergeReadySiblings(this, this.mergeSeeds);
    const orders = [...this.orderBefore].map(([orderId, before]) => {
      const after = this.order(orderId);
      after.version = (before?.version ?? 0) + 1;
      emitTransitionEvents(this, before, after, this.notes.get(orderId)?.reasons ?? []);
      return { before, after };
    });
    const history: HistoryEntry[] = orders.map(({ before, after }) => {
      const notes = this.notes.get(after.orderId) ?? { actions: ['updated'], reasons: [] };
      return {
        tenantId,
        orderId: after.orderId,
        version: after.version,
        at: now,
        actions: notes.actions,
        reasons: notes.reasons,
        actor,
        triggerEventId: eventId,
        statusBefore: before?.status ?? null,
        statusAfter: after.status,
        linesBefore: before ? snapshotLines(before.lines) : [],
        linesAfter: snapshotLines(after.lines),
        // Acts that did not consult the policy still record the one in force (DESIGN §4 rule 6).
        policy: notes.policy ?? policyForOrder(this, after),
      };
    });
    const stock = [...this.stockBefore].map(([key, before]) => ({
      before,
      after: { ...(this.stockLevels.get(key) as StockLevel) },
    }));
    return {
      orders,
      stock,
      history,
      events: [...this.events],
      steps: [...this.steps],
      movements: [...this.movements],
    };
  }

  private touchStock(level: StockLevel): void {
    const key = stockKey(level.warehouseId, level.sku);
    if (!this.stockBefore.has(key)) this.stockBefore.set(key, { ...level });
  }
}

const snapshotLines = (lines: readonly OrderLine[]): LineSnapshot[] =>
  lines.map(({ lineId, sku, quantity, allocated }) => ({ lineId, sku, quantity, allocated }));
