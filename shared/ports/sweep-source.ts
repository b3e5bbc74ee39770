import type { SaleOrder } from '../domain/order.js';

export type DueTimer =
  | { kind: 'splitDelay'; tenantId: string; orderId: string; dueAt: string }
  | { kind: 'reservation'; tenantId: string; ref: unknown; dueAt: string }
  /** Stock freed at `dueAt`: its waiting orders may not have been served. */
  | { kind: 'freeStock'; tenantId: string; warehouseId: string; sku: string; ref: unknown; dueAt: string };

/** What the scheduled sweep reads: only items that are due or eligible, always through indexes. */
export interface SweepSource {
  /** Split delays, abandoned reservations and freed stock due by `now`, oldest first. */
  dueTimers(now: string, limit: number): Promise<DueTimer[]>;
  /** Gives back what an abandoned reservation moved; does nothing if it was completed meanwhile. */
  undoReservation(timer: Extract<DueTimer, { kind: 'reservation' }>): Promise<void>;
  /** Takes a freed stock level off the list, unless it was freed again since it was read. */
  settleFreeStock(timer: Extract<DueTimer, { kind: 'freeStock' }>): Promise<void>;
  tenantIds(): Promise<string[]>;
  /** A tenant's Awaiting Stock orders, oldest first. */
  oldestWaiting(tenantId: string, limit: number): Promise<SaleOrder[]>;
  /** Every Awaiting Stock order of the tenant created before `before`, however many pages. */
  waitingCreatedBefore(tenantId: string, before: string): Promise<SaleOrder[]>;
}
