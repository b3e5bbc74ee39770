import { runBudget } from '../../../functions/sweep/run-budget.js';

/** A function's remaining time and a wall clock, both moved by hand. */
const clock = (timeoutMs: number) => {
  let elapsed = 0;
  return {
    context: { getRemainingTimeInMillis: () => timeoutMs - elapsed },
    now: () => elapsed,
    pass: (ms: number) => {
      elapsed += ms;
    },
  };
};

it('spends three quarters of the schedule interval when the function has time to spare', () => {
  const run = clock(300_000);
  const spent = runBudget(run.context, 120_000, run.now);
  run.pass(45_000);
  expect(spent()).toBeCloseTo(0.5);
  run.pass(45_000);
  expect(spent()).toBeCloseTo(1);
});

it('keeps the last minute of the function for the page in hand when the interval is longer', () => {
  const run = clock(300_000);
  const spent = runBudget(run.context, 3_600_000, run.now);
  run.pass(120_000);
  expect(spent()).toBeCloseTo(0.5);
  run.pass(120_000);
  expect(spent()).toBeCloseTo(1);
});

it('keeps back at most half of a short timeout', () => {
  const run = clock(30_000);
  const spent = runBudget(run.context, 300_000, run.now);
  run.pass(15_000);
  expect(spent()).toBeCloseTo(1);
});
