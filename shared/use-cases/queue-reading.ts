import { queueAllocationMode } from '../allocation/fair-share.js';
import type { StockTarget } from '../allocation/serve-waiting.js';
import { availableOf, type StockLevel } from '../domain/stock.js';
import type { PolicyConfig } from '../policy/policy.js';

type Free = (target: StockTarget, level: StockLevel) => number;

/**
 * How many units' worth of a SKU's queue to read. In queue order the first orders take the free
 * units, so the queue is read until its orders ask for more than that. Under fair share every
 * waiting order has a claim on scarce units in proportion to its shortfall, so the whole queue is
 * read whenever anything is free (its cost grows with the backlog: see the bench).
 */
export const unitsToRead =
  (policies: PolicyConfig, free: Free = (_target, level) => availableOf(level)): Free =>
  (target, level) => {
    const units = free(target, level);
    return units > 0 && queueAllocationMode(policies, target.sku) === 'fairShare'
      ? Number.POSITIVE_INFINITY
      : units;
  };
