/**
 * What became of the TransactWriteItems calls that reached the database: how many, how many
 * DynamoDB cancelled, and why. (Conflicts injected by test/support/conflict-injector.ts fail
 * earlier in the client and are counted there.)
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface TransactionStats {
  calls: number;
  failed: number;
  /** Cancellation reasons of the failures (the error's name when it carries none). */
  reasons: Record<string, number>;
}

export const emptyTransactionStats = (): TransactionStats => ({ calls: 0, failed: 0, reasons: {} });

const reasonCodes = (error: unknown): string[] => {
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  const codes = (reasons ?? []).map((reason) => reason.Code ?? 'None').filter((code) => code !== 'None');
  return codes.length > 0 ? codes : [(error as Error).name];
};

export const watchTransactions = (client: DynamoDBClient, stats: TransactionStats): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      stats.calls += 1;
      try {
        return await next(args);
      } catch (error) {
        stats.failed += 1;
        for (const code of reasonCodes(error)) stats.reasons[code] = (stats.reasons[code] ?? 0) + 1;
        throw error;
      }
    },
    { step: 'build', name: 'benchTransactionWatch' },
  );
};
