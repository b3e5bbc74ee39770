import { applyDecision } from '../allocation/compose.js';
import type { Decision, StateSnapshot } from '../allocation/decision.js';
import type { StockTarget } from '../allocation/serve-waiting.js';
import { decideServeWaiting } from '../allocation/stock-movements.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { availableOf, type StockLevel, stockKey } from '../domain/stock.js';
import type { AllocationPorts } from './ports.js';
import { unitsToRead } from './queue-reading.js';
import { runDecision } from './run-decision.js';
import { loadWaitingSnapshot } from './waiting-snapshot.js';
import { withWinnerDonors } from './winner-donors.js';

const MAX_ROUNDS = 50;

/** Stock levels (by `stockKey`) that still have units free once the decision is applied to what it read. */
export const freeAfter = (snapshot: StateSnapshot, decision: Decision): Set<string> =>
  new Set(
    applyDecision(snapshot, decision)
      .stock.filter((level) => availableOf(level) > 0)
      .map((level) => stockKey(level.warehouseId, level.sku)),
  );

/**
 * Keeps serving SKUs' queues from where the last decision stopped reading (or from the start),
 * while stock is free and the queue has more pages. Each round is its own decision.
 */
export const serveRemainingQueue = async (
  ports: AllocationPorts,
  tenantId: string,
  eventId: string,
  targets: readonly StockTarget[],
  /** Where to resume each queue; without it every queue is served from its start. */
  startCursors?: Map<string, string>,
  /**
   * Levels the caller has just read (the sweep, from their listing): the first round decides on
   * them instead of reading them again. Its commit checks the stock; after a conflict it reads.
   */
  seen: readonly StockLevel[] = [],
): Promise<Decision[]> => {
  const decisions: Decision[] = [];
  let cursors = startCursors ?? new Map<string, string>();
  let pending = startCursors
    ? targets.filter((target) => cursors.has(stockKey(target.warehouseId, target.sku)))
    : [...targets];
  for (let round = 1; pending.length > 0 && round <= MAX_ROUNDS; round++) {
    const roundCursors = cursors;
    const { decision, snapshot } = await runDecision(ports, {
      tenantId,
      eventId: `${eventId}:serve-${round}`,
      actor: SYSTEM_ACTOR,
      load: async (policies, conflict) => {
        const waiting = await loadWaitingSnapshot(
          ports.repository,
          tenantId,
          pending,
          unitsToRead(policies),
          roundCursors,
          round === 1 && !conflict ? { stock: seen } : {},
        );
        return withWinnerDonors(ports.repository, tenantId, policies, waiting);
      },
      decide: (context, read) =>
        decideServeWaiting(context, read, { targets: pending, trigger: 'free stock' }),
    });
    decisions.push(decision);
    cursors = snapshot.cursors;
    const free = freeAfter(snapshot, decision);
    // With nothing free, a round reads no page, so its cursor never moves: reading on would spin
    // until MAX_ROUNDS, one stock read a round. A round that left its stock untouched is judged
    // by the level it read.
    pending = pending.filter((target) => {
      const key = stockKey(target.warehouseId, target.sku);
      return cursors.has(key) && free.has(key);
    });
  }
  return decisions;
};
