import type { Context } from 'aws-lambda';
import { deployedAdapters, type Wiring } from '../../shared/runtime/adapters.js';
import { deployedHandler } from '../../shared/runtime/deployed-handler.js';
import { logger, metrics, observed } from '../../shared/runtime/observability.js';
import { runSweep } from '../../shared/use-cases/run-sweep.js';
import { runBudget } from './run-budget.js';

/** How long a writer has to publish its own events (OUTBOX_GRACE_SECONDS overrides it). */
const OUTBOX_GRACE_MS = Number(process.env.OUTBOX_GRACE_SECONDS ?? 60) * 1000;
/**
 * Past the allocator queue's own retries (5 receives, 6 minutes apart) before the sweep publishes
 * an undecided order's `Order Received` again; the local runtime, whose retries come seconds
 * apart, sets a minute.
 */
const INTAKE_GRACE_MS = Number(process.env.INTAKE_GRACE_SECONDS ?? 45 * 60) * 1000;
/** Entries in a page of each listing the sweep takes. */
const LIMIT = 200;
/** How often the schedule runs the sweep (SWEEP_EVERY_SECONDS, which the schedule sets). */
const EVERY_MS = Number(process.env.SWEEP_EVERY_SECONDS ?? 300) * 1000;

/** The scheduled sweep (EventBridge Scheduler): repairs what events missed, and reports it. */
export const makeHandler = (wiring: () => Wiring) =>
  observed(async (_event: unknown, context: Context) => {
    const { sweep, allocation, publishing } = wiring();
    const { setAside, ...report } = await runSweep(
      { sweep, allocation, publishing },
      {
        outboxGraceMs: OUTBOX_GRACE_MS,
        intakeGraceMs: INTAKE_GRACE_MS,
        limit: LIMIT,
        spent: runBudget(context, EVERY_MS),
      },
    );
    logger.info('Sweep finished', { ...report });
    // Ids and reasons only: the events themselves stay in the table (the outbox's set-aside list).
    if (setAside.length > 0)
      logger.error('Outbox entries set aside: they can never be published', { setAside });
    for (const [name, value] of Object.entries(report)) metrics.addMetric(`Sweep_${name}`, 'Count', value);
    return { ...report, setAside };
  });

export const handler = deployedHandler(deployedAdapters, makeHandler);
