import type { Decision } from '../allocation/decision.js';
import type { DueTimer } from '../ports/sweep-source.js';
import { expireSplitDelay } from './order-acts.js';
import type { AllocationPorts, Attempt } from './ports.js';
import type { SweepPorts } from './run-sweep.js';
import { serveRemainingQueue } from './serve-follow-up.js';

type FreeStock = Extract<DueTimer, { kind: 'freeStock' }>;

export interface TimersHandled {
  splitDelaysExpired: number;
  reservationsUndone: number;
  ordersServed: number;
}

const ordersIn = (decisions: readonly Decision[] | undefined): number =>
  (decisions ?? []).reduce((sum, decision) => sum + decision.orders.length, 0);

/** Serves each tenant's listed levels' queues, then takes them off the list. */
const serveFreed = async (
  allocation: AllocationPorts,
  sweep: SweepPorts['sweep'],
  eventId: string,
  tenantId: string,
  levels: readonly FreeStock[],
): Promise<Decision[]> => {
  const decisions = await serveRemainingQueue(
    allocation,
    tenantId,
    eventId,
    levels.map(({ warehouseId, sku }) => ({ warehouseId, sku })),
    undefined,
    levels.map(({ level }) => level),
  );
  for (const level of levels) await sweep.settleFreeStock(level);
  return decisions;
};

/**
 * One page of due timers: abandoned reservations undone, split delays that passed expired, and
 * stock levels listed since the last run (freed, or an order started waiting on them) served
 * again and taken off the list. A failure leaves its timer listed for the next run.
 * `pageId` names the page in the history entries of the decisions it triggers.
 */
export const handleDueTimers = async (
  ports: Pick<SweepPorts, 'sweep' | 'allocation'>,
  timers: readonly DueTimer[],
  pageId: string,
  attempt: Attempt,
): Promise<TimersHandled> => {
  const handled: TimersHandled = { splitDelaysExpired: 0, reservationsUndone: 0, ordersServed: 0 };
  for (const timer of timers) {
    if (timer.kind === 'reservation') {
      const undone = await attempt(() => ports.sweep.undoReservation(timer).then(() => true));
      if (undone) handled.reservationsUndone += 1;
    } else if (timer.kind === 'splitDelay') {
      const expired = await attempt(() =>
        expireSplitDelay(
          ports.allocation,
          timer.tenantId,
          timer.orderId,
          `sweep:${timer.orderId}:${timer.dueAt}`,
        ),
      );
      if (expired) handled.splitDelaysExpired += 1;
    }
  }
  // Found by index whatever the backlog: each tenant's levels are served together.
  const freed = new Map<string, FreeStock[]>();
  for (const timer of timers) {
    if (timer.kind === 'freeStock') freed.set(timer.tenantId, [...(freed.get(timer.tenantId) ?? []), timer]);
  }
  for (const [tenantId, levels] of freed) {
    const served = await attempt(() =>
      serveFreed(ports.allocation, ports.sweep, `sweep:${pageId}:freed`, tenantId, levels),
    );
    handled.ordersServed += ordersIn(served);
  }
  return handled;
};
