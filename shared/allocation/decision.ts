import type { Actor } from '../domain/actor.js';
import type { ChannelChange } from '../domain/channel-change.js';
import type { HistoryEntry } from '../domain/history.js';
import type { InboundSupply } from '../domain/inbound.js';
import type { KitBook } from '../domain/kit.js';
import type { SaleOrder } from '../domain/order.js';
import type { StockLevel } from '../domain/stock.js';
import type { OutgoingEvent } from '../events/outgoing-events.js';
import type { PolicyConfig } from '../policy/policy.js';

/** What every decision is told about the world besides the state it reads. */
export interface DecisionContext {
  tenantId: string;
  /** ISO 8601; the engine never reads the clock itself. */
  now: string;
  /** The triggering event's id: outgoing event ids and history entries derive from it. */
  eventId: string;
  actor: Actor;
  policies: PolicyConfig;
  /** The tenant's kits: intake allocates a kit line as its components (DESIGN §14). */
  kits?: KitBook;
}

/**
 * The state a decision may read: the stock levels, orders and inbound supply the caller loaded for
 * it. Anything absent is treated as not existing (a missing stock level is zero).
 */
export interface StateSnapshot {
  stock: readonly StockLevel[];
  orders: readonly SaleOrder[];
  inbound?: readonly InboundSupply[];
  /** The channel's latest change to each order read, kept beside it (or ahead of it, before intake). */
  channelChanges?: readonly ChannelChange[];
}

/** One unit movement, kept so that a dry run can explain where every unit went and why. */
export interface AllocationStep {
  orderId: string;
  lineId: string;
  warehouseId: string;
  sku: string;
  /** Positive when stock was allocated to the line, negative when taken from it. */
  quantity: number;
  reason: string;
}

/**
 * A change to one stock level, attributed to the order that caused it (none for a receipt or an
 * adjustment), so that a decision too large for one transaction can be committed order by order.
 */
export interface StockMovement {
  warehouseId: string;
  sku: string;
  onHandDelta: number;
  allocatedDelta: number;
  orderId?: string;
}

export interface OrderChange {
  before: SaleOrder | null;
  after: SaleOrder;
}

export interface StockChange {
  before: StockLevel;
  after: StockLevel;
}

/** The complete, I/O-free outcome of one trigger: the caller commits all of it or none of it. */
export interface Decision {
  orders: OrderChange[];
  stock: StockChange[];
  history: HistoryEntry[];
  events: OutgoingEvent[];
  steps: AllocationStep[];
  movements: StockMovement[];
}

/**
 * @example
 * ```ts
 * if (isEmptyDecision(decision)) return; // a repeat changed nothing
 * ```
 */
export const isEmptyDecision = (decision: Decision): boolean =>
  decision.orders.length === 0 && decision.stock.length === 0;
