import type { SaleOrder } from '../domain/order.js';
import type { StockLevel } from '../domain/stock.js';
import type { PublishableEvent } from './event-publisher.js';
import type { ListingPage } from './listing-page.js';

export type DueTimer =
  | { kind: 'splitDelay'; tenantId: string; orderId: string; dueAt: string }
  | { kind: 'reservation'; tenantId: string; ref: unknown; dueAt: string }
  /** Stock freed at `dueAt`: its waiting orders may not have been served. */
  | {
      kind: 'freeStock';
      tenantId: string;
      warehouseId: string;
      sku: string;
      ref: unknown;
      dueAt: string;
      /** The level as the listing showed it (an index: it may be behind; commits check the stock). */
      level: StockLevel;
    };

/** An accepted `Order Received` (a webhook's inbox item) whose order the sweep has not yet seen decided. */
export interface IntakeEntry {
  tenantId: string;
  orderId: string;
  event: PublishableEvent;
  /** When it was last handed over to the bus (accepted, or published again by the sweep). */
  handedOverAt: string;
}

/** What the scheduled sweep reads: only items that are due or eligible, always through indexes. */
export interface SweepSource {
  /** Split delays, abandoned reservations and freed stock due by `now`, oldest first. */
  dueTimers(now: string, limit: number, after?: string): Promise<ListingPage<DueTimer>>;
  /** Gives back what an abandoned reservation moved; does nothing if it was completed meanwhile. */
  undoReservation(timer: Extract<DueTimer, { kind: 'reservation' }>): Promise<void>;
  /** Takes a freed stock level off the list, unless it was freed again since it was read. */
  settleFreeStock(timer: Extract<DueTimer, { kind: 'freeStock' }>): Promise<void>;
  tenantIds(): Promise<string[]>;
  /** A tenant's Awaiting Stock orders, oldest first. */
  oldestWaiting(tenantId: string, limit: number): Promise<SaleOrder[]>;
  /** Every Awaiting Stock order of the tenant created before `before`, however many pages. */
  waitingCreatedBefore(tenantId: string, before: string): Promise<SaleOrder[]>;
  /** The same, less the orders already announced overdue (`escalatedAt` set). */
  unescalatedWaitingCreatedBefore(tenantId: string, before: string): Promise<SaleOrder[]>;
  /** Accepted orders handed over before `before` and not yet seen decided, oldest first. */
  intakeHandedOverBefore(before: string, limit: number, after?: string): Promise<ListingPage<IntakeEntry>>;
  /** Which of these orders exist: an order exists once a decision has consumed its `Order Received`. */
  decidedOrders(entries: readonly IntakeEntry[]): Promise<Set<string>>;
  /** Takes the entry off the intake listing: its order is decided. */
  intakeDecided(entry: IntakeEntry): Promise<void>;
  /** Lists the entry as handed over again at `at`: the next check is a grace later. */
  intakeHandedOverAgain(entry: IntakeEntry, at: string): Promise<void>;
}
