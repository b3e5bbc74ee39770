import type { Context } from 'aws-lambda';

/** Kept back from the function's time for the page in hand: a page serves up to 200 queues. */
const TIME_KEPT_MS = 60_000;
/** Share of the schedule's interval a run may page for, so that runs do not overlap. */
const SHARE_OF_INTERVAL = 0.75;

/**
 * The share of the sweep's run spent so far (0 to 1, then more). The run may page while more than
 * a minute of the function's time is left (at most half of it kept back), and for no more than
 * three quarters of the schedule's interval (`everyMs`), so that the next run does not start
 * while this one is still paging.
 */
export const runBudget = (
  context: Pick<Context, 'getRemainingTimeInMillis'>,
  everyMs: number,
  now: () => number = Date.now,
): (() => number) => {
  const started = now();
  const remaining = context.getRemainingTimeInMillis();
  const budgetMs = Math.min(remaining - Math.min(TIME_KEPT_MS, remaining / 2), everyMs * SHARE_OF_INTERVAL);
  return () => (now() - started) / budgetMs;
};
