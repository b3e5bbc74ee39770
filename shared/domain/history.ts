import type { ResolvedPolicy } from '../policy/policy.js';
import type { Actor } from './actor.js';
import type { OrderStatus } from './order.js';

export const HISTORY_ACTIONS = [
  'received',
  'allocated',
  'awaitingStock',
  'rejected',
  'dropped',
  'split',
  'createdBySplit',
  'markedFillable',
  'allocationTakenBack',
  'released',
  'held',
  'unheld',
  'cancelled',
  'fulfilmentStarted',
  'dispatched',
  'updated',
  'changeRefused',
  'splitDelayExpired',
  'escalated',
  'stockTaken',
  'stockLost',
  'merged',
] as const;

export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export interface LineSnapshot {
  lineId: string;
  sku: string | null;
  quantity: number;
  allocated: number;
}

/** One decision's effect on one order. History is append-only: entries are never edited. */
export interface HistoryEntry {
  tenantId: string;
  orderId: string;
  /** The order's version after this decision; with the order id it keys the entry. */
  version: number;
  at: string;
  actions: HistoryAction[];
  reasons: string[];
  actor: Actor;
  triggerEventId: string;
  statusBefore: OrderStatus | null;
  statusAfter: OrderStatus;
  linesBefore: LineSnapshot[];
  linesAfter: LineSnapshot[];
  policy?: ResolvedPolicy;
}
