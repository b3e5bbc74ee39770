import type { Decision } from '../allocation/decision.js';
import { DomainError } from '../domain/errors.js';
import type { SetAsideEntry } from '../ports/event-publisher.js';
import type { SweepSource } from '../ports/sweep-source.js';
import { autoCancelDue } from './auto-cancel.js';
import { checkIntake } from './check-intake.js';
import { escalateOverdue } from './escalate-overdue.js';
import type { AllocationPorts, Attempt } from './ports.js';
import { heldPublishing, type PublishingPorts, publishPendingOutbox } from './publish-events.js';
import { mayHaveWinners, redistributeForWinners } from './redistribute-winners.js';
import { everyPage } from './sweep-pages.js';
import { handleDueTimers } from './sweep-timers.js';

export interface SweepPorts {
  sweep: SweepSource;
  allocation: AllocationPorts;
  publishing: PublishingPorts;
}

export interface SweepReport {
  eventsPublished: number;
  /** Outbox entries that can never be published, set aside this run (kept, listed, alarmed). */
  eventsSetAside: number;
  splitDelaysExpired: number;
  reservationsUndone: number;
  ordersServed: number;
  ordersAutoCancelled: number;
  /** Waiting orders announced `Backorder Overdue` this run (`escalateAfterDays`). */
  ordersEscalated: number;
  /** Accepted orders found undecided past the intake grace (published again); an alarm watches it. */
  intakeUndecided: number;
  errors: number;
}

/** The report, and the entries set aside this run, for the operators who must deal with them. */
export interface SweepResult extends SweepReport {
  setAside: SetAsideEntry[];
}

export interface SweepOptions {
  /** How long a writer has to publish its own events before the sweep does. */
  outboxGraceMs: number;
  /** How long an accepted order's `Order Received` has to be decided (past the allocator's retries). */
  intakeGraceMs: number;
  /** Entries in a page of each listing (due timers, intake, outbox). */
  limit: number;
  /**
   * The share of the run's time spent so far, from 0 to 1 (the function's time, the schedule's
   * interval); without it, every page of every listing. What a run leaves, the next one takes.
   */
  spent?: () => number;
}

/** Shares of the run up to which due timers, then the intake listing, take pages; the outbox the rest. */
const TIMERS_SHARE = 0.5;
const INTAKE_SHARE = 0.75;

const ordersIn = (decisions: readonly Decision[] | undefined): number =>
  (decisions ?? []).reduce((sum, decision) => sum + decision.orders.length, 0);

/**
 * The scheduled sweep for anything missed: unpublished events, split delays that passed, abandoned
 * reservations, stock levels listed since the last run (freed, or an order started waiting on them:
 * their queues served again, in case serving was lost or raced the order), waiting `win` orders
 * (only for tenants whose policies make them), accepted orders never decided (a lost `Order Received`), and
 * backorders past `autoCancelAfterDays` (auto-cancel.ts), waiting orders past `escalateAfterDays`
 * (escalate-overdue.ts). It reads only due or waiting items, through indexes, page by page
 * (sweep-pages.ts), and reports what it did.
 */
export const runSweep = async (given: SweepPorts, options: SweepOptions): Promise<SweepResult> => {
  // The sweep commits many one-order decisions: their events go together at the end, ten to a call.
  const held = heldPublishing(given.allocation);
  const ports: SweepPorts = { ...given, allocation: held.ports };
  const report: SweepReport = {
    eventsPublished: 0,
    eventsSetAside: 0,
    splitDelaysExpired: 0,
    reservationsUndone: 0,
    ordersServed: 0,
    ordersAutoCancelled: 0,
    ordersEscalated: 0,
    intakeUndecided: 0,
    errors: 0,
  };
  const now = ports.allocation.clock();
  /** One piece of the sweep's work; a failure is counted and the sweep goes on without its result. */
  const attempt: Attempt = async (work) => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DomainError)) report.errors += 1;
      return undefined;
    }
  };

  /** A failure that stopped a listing's paging: counted like any other, what came before kept. */
  const stopped = (failure: unknown) => {
    if (failure !== undefined && !(failure instanceof DomainError)) report.errors += 1;
  };
  // Each listing pages within its share of the run, so none takes all of it.
  const spent = options.spent ?? (() => 0);
  const timers = await everyPage(
    (after) => ports.sweep.dueTimers(now, options.limit, after),
    (due, page) => handleDueTimers(ports, due, `${now}:${page}`, attempt),
    () => spent() < TIMERS_SHARE,
  );
  stopped(timers.failure);
  for (const handled of timers.pages) {
    report.splitDelaysExpired += handled.splitDelaysExpired;
    report.reservationsUndone += handled.reservationsUndone;
    report.ordersServed += handled.ordersServed;
  }

  for (const tenantId of await ports.sweep.tenantIds()) {
    const autoCancelled = await attempt(() => autoCancelDue(ports, tenantId, attempt));
    report.ordersAutoCancelled += autoCancelled?.cancelled ?? 0;
    const escalated = await attempt(() => escalateOverdue(ports, tenantId, attempt));
    report.ordersEscalated += escalated?.escalated ?? 0;
    // Freed stock is found only through its listing above: every write that frees stock, and
    // every commit that starts an order waiting on a SKU, lists the SKU in the same transaction.
    // The oldest waiting orders are read only for a tenant whose policies make `win` orders.
    const redistributed = await attempt(async () => {
      if (!(await mayHaveWinners(ports.allocation, tenantId))) return [];
      const waiting = await ports.sweep.oldestWaiting(tenantId, options.limit);
      return redistributeForWinners(ports.allocation, tenantId, `sweep:${now}:win`, waiting);
    });
    report.ordersServed += ordersIn(redistributed);
  }

  const intake = await checkIntake(
    { sweep: ports.sweep, publisher: ports.publishing.publisher },
    { now, graceMs: options.intakeGraceMs, limit: options.limit, hasTime: () => spent() < INTAKE_SHARE },
  );
  stopped(intake.failure);
  report.intakeUndecided = intake.undecided;
  report.eventsPublished += await held.release();
  const outbox = await publishPendingOutbox(ports.publishing, {
    graceMs: options.outboxGraceMs,
    limit: options.limit,
    hasTime: () => spent() < 1,
  });
  stopped(outbox.failure);
  const { setAside } = outbox;
  report.eventsPublished += outbox.published;
  report.eventsSetAside += setAside.length;
  // Entries that failed for now wait for the next run; the run says it did not finish.
  if (outbox.left > 0) report.errors += 1;
  return { ...report, setAside };
};
