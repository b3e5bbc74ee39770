import type { SaleOrder } from '../domain/order.js';
import type { Strategy } from '../policy/policy.js';
import { policyForOrder } from './order-policy.js';
import type { Workspace } from './workspace.js';

/**
 * Strategies a `win` order may take stock from, in the order it takes: `lose` orders give first,
 * since they may lose everything; `redistribute` orders only when the `lose` orders cannot cover it.
 */
export const DONOR_STRATEGIES: readonly Strategy[] = ['lose', 'redistribute'];

/** Statuses whose stock a `win` order may take: never an order in fulfilment or on hold (DESIGN §14). */
export const DONOR_STATUSES: ReadonlySet<SaleOrder['status']> = new Set(['ReadyToPick', 'AwaitingStock']);

/** The order's confirmation strategy, resolved by layers and its own override. */
export const strategyOf = (ws: Workspace, order: SaleOrder): Strategy =>
  policyForOrder(ws, order).values.strategy;

/** `fill` keeps what it has and gains nothing automatically; every other strategy gains in queue order. */
export const gainsAutomatically = (strategy: Strategy): boolean => strategy !== 'fill';

/** Whether an order of strategy `holder` may lose stock to a `win` order. */
export const losesToWinners = (holder: Strategy): boolean => DONOR_STRATEGIES.includes(holder);
