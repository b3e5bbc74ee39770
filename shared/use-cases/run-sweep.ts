import type { Decision } from '../allocation/decision.js';
import { resolveOrderPolicy } from '../allocation/order-policy.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { DomainError } from '../domain/errors.js';
import { shortLines } from '../domain/order.js';
import { availableOf, stockKey } from '../domain/stock.js';
import type { SweepSource } from '../ports/sweep-source.js';
import { checkIntake } from './check-intake.js';
import { cancelByHand, expireSplitDelay } from './order-acts.js';
import type { AllocationPorts } from './ports.js';
import { type PublishingPorts, publishDecisionEvents, publishPendingOutbox } from './publish-events.js';
import { serveRemainingQueue } from './serve-follow-up.js';

const DAY_MS = 86_400_000;

export interface SweepPorts {
  sweep: SweepSource;
  allocation: AllocationPorts;
  publishing: PublishingPorts;
}

export interface SweepReport {
  eventsPublished: number;
  splitDelaysExpired: number;
  reservationsUndone: number;
  ordersServed: number;
  ordersAutoCancelled: number;
  /** Accepted orders found undecided past the intake grace (published again); an alarm watches it. */
  intakeUndecided: number;
  errors: number;
}

export interface SweepOptions {
  /** How long a writer has to publish its own events before the sweep does. */
  outboxGraceMs: number;
  /** How long an accepted order's `Order Received` has to be decided (past the allocator's retries). */
  intakeGraceMs: number;
  /** Most items of each kind one run handles; the next run takes the rest. */
  limit: number;
}

/**
 * The scheduled sweep for anything missed: unpublished events, split delays that passed, abandoned
 * reservations, waiting orders whose stock is free (a lost event), accepted orders never decided
 * (a lost `Order Received`), and backorders past `autoCancelAfterDays`. It reads only due or waiting items, through indexes, and reports what it did.
 */
export const runSweep = async (ports: SweepPorts, options: SweepOptions): Promise<SweepReport> => {
  const report: SweepReport = {
    eventsPublished: 0,
    splitDelaysExpired: 0,
    reservationsUndone: 0,
    ordersServed: 0,
    ordersAutoCancelled: 0,
    intakeUndecided: 0,
    errors: 0,
  };
  const now = ports.allocation.clock();
  const decisions: Decision[] = [];
  const attempt = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError)) report.errors += 1;
    }
  };

  for (const timer of await ports.sweep.dueTimers(now, options.limit)) {
    await attempt(async () => {
      if (timer.kind === 'reservation') {
        await ports.sweep.undoReservation(timer);
        report.reservationsUndone += 1;
        return;
      }
      const outcome = await expireSplitDelay(
        ports.allocation,
        timer.tenantId,
        timer.orderId,
        `sweep:${timer.orderId}:${timer.dueAt}`,
      );
      if (outcome.kind === 'applied') decisions.push(outcome.decision);
      report.splitDelaysExpired += 1;
    });
  }

  for (const tenantId of await ports.sweep.tenantIds()) {
    await attempt(async () => {
      const waiting = await ports.sweep.oldestWaiting(tenantId, options.limit);
      const policies = await ports.allocation.repository.loadPolicies(tenantId);
      for (const order of waiting) {
        const days = resolveOrderPolicy(policies, order).values.autoCancelAfterDays;
        if (days === null || Date.parse(order.createdAt) + days * DAY_MS > Date.parse(now)) continue;
        await attempt(async () => {
          const outcome = await cancelByHand(
            ports.allocation,
            { tenantId, eventId: `sweep:auto-cancel:${order.orderId}`, actor: SYSTEM_ACTOR },
            { orderId: order.orderId, reason: `Waited more than ${days} days (autoCancelAfterDays).` },
          );
          if (outcome.kind === 'applied') decisions.push(outcome.decision);
          report.ordersAutoCancelled += 1;
        });
      }
      const targets = new Map(
        waiting.flatMap((order) =>
          shortLines(order).map(
            (line) =>
              [
                stockKey(order.warehouseId, line.sku),
                { warehouseId: order.warehouseId, sku: line.sku },
              ] as const,
          ),
        ),
      );
      const levels =
        targets.size > 0 ? await ports.allocation.repository.loadStock(tenantId, [...targets.values()]) : [];
      const free = levels
        .filter((level) => availableOf(level) > 0)
        .map(({ warehouseId, sku }) => ({ warehouseId, sku }));
      if (free.length === 0) return;
      const served = await serveRemainingQueue(ports.allocation, tenantId, `sweep:${now}`, free);
      decisions.push(...served);
      report.ordersServed += served.reduce((sum, decision) => sum + decision.orders.length, 0);
    });
  }

  await attempt(async () => {
    report.intakeUndecided = await checkIntake(
      { sweep: ports.sweep, publisher: ports.publishing.publisher },
      { now, graceMs: options.intakeGraceMs, limit: options.limit },
    );
  });
  await attempt(async () => {
    report.eventsPublished += await publishDecisionEvents(ports.publishing, decisions);
  });
  await attempt(async () => {
    report.eventsPublished += await publishPendingOutbox(ports.publishing, {
      graceMs: options.outboxGraceMs,
      limit: options.limit,
    });
  });
  return report;
};
