/** The database's own pace: conditional UpdateItem calls on one stock item, as fast as callers can send them. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { stockUpdate } from '../../shared/adapters/dynamodb/stock-updates.js';
import { type BenchHarness, TENANT, WAREHOUSE } from './harness.js';
import { runPool } from './pool.js';

/** Resolves to updates per second. Each takes one unit, on the condition that one is free, as an allocation would. */
export const rawConditionalUpdates = async (
  harness: BenchHarness,
  sku: string,
  options: { updates: number; concurrency: number },
): Promise<number> => {
  await harness.addStock(sku, options.updates);
  const { Update } = stockUpdate(harness.tableName, TENANT, {
    warehouseId: WAREHOUSE,
    sku,
    onHand: 0,
    allocated: 1,
  });
  const command = new UpdateCommand(Update as NonNullable<typeof Update>);
  const elapsedMs = await runPool(Array.from({ length: options.updates }), options.concurrency, async () => {
    await harness.client.send(command);
  });
  return (options.updates * 1000) / elapsedMs;
};
