import type { Context } from 'aws-lambda';

/** Kept back from the function's time for the page in hand: a page serves up to 200 queues. */
const TIME_KEPT_MS = 60_000;
/** Share of the schedule's interval a run may page for, so that runs do not overlap. */
const SHARE_OF_INTERVAL = 0.75;

/**
 * Whether the sweep may take another page: while more than a minute of the function's time is
 * left (at most half of it kept back), and for no more than three quarters of the schedule's
 * interval (`everyMs`), so that the next run does not start while this one is still paging.
 */
export const runBudget = (
  context: Pick<Context, 'getRemainingTimeInMillis'>,
  everyMs: number,
  now: () => number = Date.now,
): (() => boolean) => {
  const started = now();
  const kept = Math.min(TIME_KEPT_MS, context.getRemainingTimeInMillis() / 2);
  return () => context.getRemainingTimeInMillis() > kept && now() - started < everyMs * SHARE_OF_INTERVAL;
};
