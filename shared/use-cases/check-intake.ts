import type { EventPublisher } from '../ports/event-publisher.js';
import type { SweepSource } from '../ports/sweep-source.js';
import { everyPage } from './sweep-pages.js';

export interface IntakeCheckPorts {
  sweep: SweepSource;
  publisher: EventPublisher;
}

/**
 * Liveness of intake: an accepted order whose `Order Received` was handed over to the bus more
 * than `graceMs` ago and whose order does not exist yet was lost on its way to a decision (dropped,
 * or dead-lettered after the allocator's retries). It is published again, and listed as handed
 * over now, so the next check comes a grace later; one that was decided is taken off the listing.
 * Taken page by page while `hasTime` allows (one page without it). Returns how many were found
 * undecided (the count the alarm watches), and what stopped the paging if it failed.
 */
export const checkIntake = async (
  ports: IntakeCheckPorts,
  options: { now: string; graceMs: number; limit: number; hasTime?: () => boolean },
): Promise<{ undecided: number; failure?: unknown }> => {
  const before = new Date(Date.parse(options.now) - options.graceMs).toISOString();
  const { pages, failure } = await everyPage(
    (after) => ports.sweep.intakeHandedOverBefore(before, options.limit, after),
    async (due) => {
      const decided = await ports.sweep.decidedOrders(due);
      const isDecided = (entry: (typeof due)[number]) => decided.has(`${entry.tenantId}#${entry.orderId}`);
      await Promise.all(due.filter(isDecided).map((entry) => ports.sweep.intakeDecided(entry)));
      const undecided = due.filter((entry) => !isDecided(entry));
      if (undecided.length === 0) return 0;
      // Consumers drop repeats by event id, so publishing one that is merely slow again is harmless.
      await ports.publisher.publish(undecided.map((entry) => entry.event));
      await Promise.all(undecided.map((entry) => ports.sweep.intakeHandedOverAgain(entry, options.now)));
      return undecided.length;
    },
    options.hasTime ?? (() => false),
  );
  return { undecided: pages.reduce((sum, count) => sum + count, 0), ...(failure ? { failure } : {}) };
};
