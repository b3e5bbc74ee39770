/** Intake bursts: many orders at once, one by one or in queue-sized batches, by concurrent callers. */
import type { IncomingOrder } from '../../shared/domain/inputs.js';
import { receiveOrders } from '../../shared/use-cases/receive-orders.js';
import { type BenchHarness, TENANT } from './harness.js';
import { groupsOf, runPool } from './pool.js';

export interface BurstResult {
  elapsedMs: number;
  /** Orders the use case accepted. */
  accepted: number;
  /** Orders it failed or gave up on (after its own retries). */
  failed: number;
  firstError?: string;
}

/** Orders taken as the allocator takes its queue's batches (`receiveOrders`), `batchSize` at a time. */
export const intakeBurst = async (
  harness: BenchHarness,
  orders: readonly IncomingOrder[],
  options: { batchSize: number; concurrency: number },
): Promise<BurstResult> => {
  const result: BurstResult = { elapsedMs: 0, accepted: 0, failed: 0 };
  const fail = (error: unknown, count = 1) => {
    result.failed += count;
    result.firstError ??= (error as Error).message;
  };
  result.elapsedMs = await runPool(
    groupsOf(orders, options.batchSize),
    options.concurrency,
    async (group) => {
      try {
        const outcomes = await receiveOrders(
          harness.ports,
          TENANT,
          group.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
        );
        for (const outcome of outcomes) {
          if (outcome.kind === 'accepted') result.accepted += 1;
          if (outcome.kind === 'failed') fail(outcome.error);
        }
      } catch (error) {
        fail(error, group.length);
      }
    },
  );
  return result;
};
