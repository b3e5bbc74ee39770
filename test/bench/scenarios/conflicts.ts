/**
 * Many allocators at once, with a share of their transactions lost to conflicts (injected:
 * DynamoDB Local never cancels a transaction for a conflict): the writes wasted per allocation.
 */
import { injectTransactionConflicts } from '../../support/conflict-injector.js';
import { intakeBurst } from '../burst.js';
import { atMost, type Figure, measured, ratio } from '../figures.js';
import { type BenchHarness, createBenchHarness, TENANT } from '../harness.js';
import { channelOrder, skuNames } from '../orders.js';

const ALLOCATORS = 64;
const CONFLICT_RATE = 0.1;
const ORDERS = 1_280;
const SKUS = skuNames('CONTENDED', 8);

const wastedPerCommit = async (
  harness: BenchHarness,
  injector: { injected: number },
  mode: { name: string; batchSize: number },
) => {
  harness.resetTally();
  const injectedBefore = injector.injected;
  const orders = Array.from({ length: ORDERS }, (_, index) =>
    channelOrder(`${mode.name}-${index + 1}`, [SKUS[index % SKUS.length] as string]),
  );
  // Every SKU has stock for every order, so each accepted order is one committed allocation.
  const burst = await intakeBurst(harness, orders, { batchSize: mode.batchSize, concurrency: ALLOCATORS });
  const injected = injector.injected - injectedBefore;
  const real = harness.transactions.failed;
  return {
    committed: burst.accepted,
    failedOrders: burst.failed,
    injected,
    real,
    total: ratio(injected + real, burst.accepted),
    notInjected: ratio(real, burst.accepted),
  };
};

export const conflictingAllocators = async (): Promise<Figure[]> => {
  const harness = await createBenchHarness('conflicts');
  try {
    for (const sku of SKUS) await harness.addStock(sku, ORDERS);
    await harness.ports.repository.loadPolicies(TENANT);
    const injector = injectTransactionConflicts(harness.dynamodb, { rate: CONFLICT_RATE, seed: 7 });
    const single = await wastedPerCommit(harness, injector, { name: 'single', batchSize: 1 });
    const batched = await wastedPerCommit(harness, injector, { name: 'batch10', batchSize: 10 });
    const label = (text: string) => `${ALLOCATORS} allocators, ${CONFLICT_RATE * 100}% conflicts: ${text}`;
    // With one allocation per transaction, each injected failure is one wasted write: p / (1 - p) per commit.
    const floor = CONFLICT_RATE / (1 - CONFLICT_RATE);
    return [
      measured('conflicts.committed', label('orders allocated one by one'), single.committed),
      measured('conflicts.failedOrders', label('orders given up on'), single.failedOrders),
      measured('conflicts.injectedFailures', label('transactions failed by injection'), single.injected),
      measured('conflicts.realFailures', label('transactions failed by DynamoDB'), single.real),
      measured('conflicts.injectionFloor', label('wasted per allocation expected from injection'), floor),
      // The allocator takes orders from its queue in batches, so batched commits are the headline figure.
      atMost(
        0.05,
        measured(
          'conflicts.wastedWritesPerCommit',
          label('wasted writes per allocation, batched'),
          batched.total,
        ),
      ),
      measured(
        'conflicts.single.wastedWritesPerCommit',
        label('wasted writes per allocation, one by one'),
        single.total,
      ),
      measured(
        'conflicts.wastedWritesPerCommitNotInjected',
        label('… of which not injected'),
        single.notInjected,
      ),
      measured('conflicts.batch10.committed', label('orders allocated in batches of 10'), batched.committed),
      measured('conflicts.batch10.failedOrders', label('orders given up on, batched'), batched.failedOrders),
      measured(
        'conflicts.batch10.injectedFailures',
        label('transactions failed by injection, batched'),
        batched.injected,
      ),
      measured(
        'conflicts.batch10.wastedWritesPerCommitNotInjected',
        label('… of which not injected, batched'),
        batched.notInjected,
      ),
    ];
  } finally {
    await harness.drop();
  }
};
