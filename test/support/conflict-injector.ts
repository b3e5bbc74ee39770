import { type DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * Makes a client lose races that DynamoDB Local never loses: a share of its TransactWriteItems
 * calls fail with the `TransactionCanceledException` DynamoDB raises when another transaction
 * holds one of the items (`TransactionConflict`), before the request leaves the process.
 *
 *   const injector = injectTransactionConflicts(harness.tables.dynamodb, { rate: 0.2, seed: 7 });
 *   ...
 *   expect(injector.injected).toBeGreaterThan(0);
 */
export interface ConflictInjector {
  /** TransactWriteItems calls seen, and how many of them were failed. */
  readonly calls: number;
  readonly injected: number;
  /** Off, calls pass through untouched (for setting up state). */
  enabled: boolean;
  /** Share of calls failed at random, 0..1. */
  rate: number;
  /** Fails the `nth` TransactWriteItems call from now (1 is the next one), whatever the rate. */
  failCall(nth: number): void;
}

export interface ConflictInjectorOptions {
  /** Share of TransactWriteItems calls to fail, 0..1. */
  rate: number;
  /** Seeds the choice of calls, so that a sequential run fails the same calls every time. */
  seed: number;
}

/** mulberry32: small, fast and good enough to pick which calls fail. */
const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** The exception as the SDK deserializes it from DynamoDB: one reason per item, in request order. */
export const transactionConflict = (itemCount: number, conflicted: number): TransactionCanceledException =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${Array.from(
      { length: itemCount },
      (_, index) => (index === conflicted ? 'TransactionConflict' : 'None'),
    ).join(', ')}]`,
    $metadata: { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 },
    CancellationReasons: Array.from({ length: itemCount }, (_, index) =>
      index === conflicted
        ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
        : { Code: 'None' },
    ),
  });

export const injectTransactionConflicts = (
  client: DynamoDBClient,
  options: ConflictInjectorOptions,
): ConflictInjector => {
  const random = seededRandom(options.seed);
  const scheduled = new Set<number>();
  const injector = {
    calls: 0,
    injected: 0,
    enabled: true,
    rate: options.rate,
    failCall: (nth: number) => scheduled.add(injector.calls + nth),
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!injector.enabled || context.commandName !== 'TransactWriteItemsCommand') return next(args);
      injector.calls += 1;
      const chosen = random() < injector.rate;
      if (!chosen && !scheduled.delete(injector.calls)) return next(args);
      injector.injected += 1;
      const items = (args.input as { TransactItems?: unknown[] }).TransactItems ?? [];
      throw transactionConflict(items.length, Math.floor(random() * items.length));
    },
    // Ahead of serialization and of request accounting: the failed call never reaches the database.
    { step: 'initialize', priority: 'high', name: 'transactionConflictInjector' },
  );
  return injector;
};
