import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetConsistent } from '../../../../shared/adapters/dynamodb/table-reads.js';
import { createTestTables, type TestTables } from '../../../support/tables.js';

/**
 * DynamoDB returns the keys it could not read in time as UnprocessedKeys; DynamoDB Local never
 * does, so a middleware holds some back. AWS asks callers to re-request them with backoff.
 */
let tables: TestTables;
/** When each BatchGetItem call was sent, and when its answer came back. */
const calls: Array<{ sent: number; answered: number }> = [];
let holdBack = 0;
beforeAll(async () => {
  tables = await createTestTables('table-reads');
  tables.dynamodb.middlewareStack.add(
    (next, context) => async (args) => {
      const sent = Date.now();
      const result = await next(args);
      if (context.commandName !== 'BatchGetItemCommand') return result;
      calls.push({ sent, answered: Date.now() });
      if (holdBack <= 0) return result;
      holdBack -= 1;
      // Keep the first key's item back, as DynamoDB does when a partition is throttled.
      const output = result.output as {
        Responses?: Record<string, Array<Record<string, { S?: string }>>>;
        UnprocessedKeys?: Record<string, { Keys: unknown[]; ConsistentRead?: boolean }>;
      };
      const [table, items = []] = Object.entries(output.Responses ?? {})[0] ?? [];
      if (!table || items.length === 0) return result;
      const [held, ...rest] = items;
      output.Responses = { [table]: rest };
      output.UnprocessedKeys = {
        [table]: { Keys: [{ pk: held?.pk, sk: held?.sk }], ConsistentRead: true },
      };
      return result;
    },
    { step: 'initialize', priority: 'low', name: 'unprocessedKeys' },
  );
  for (const id of ['a', 'b', 'c']) {
    await tables.client.send(new PutCommand({ TableName: tables.tableName, Item: { pk: id, sk: 'x', id } }));
  }
}, 60_000);
afterAll(() => tables.drop());

it('re-requests unprocessed keys after a growing delay, and returns every item', async () => {
  holdBack = 3;
  calls.length = 0;

  const items = await batchGetConsistent({ client: tables.client, tableName: tables.tableName }, [
    { pk: 'a', sk: 'x' },
    { pk: 'b', sk: 'x' },
    { pk: 'c', sk: 'x' },
  ]);

  expect(items.map((item) => item.id).sort()).toEqual(['a', 'b', 'c']);
  expect(calls).toHaveLength(4);
  const gaps = calls.slice(1).map((call, index) => call.sent - (calls[index]?.answered ?? call.sent));
  // At least half of each doubling step (50, 100 and 200 ms): 25, 50 and 100 ms.
  expect(gaps[0]).toBeGreaterThanOrEqual(24);
  expect(gaps[1]).toBeGreaterThanOrEqual(49);
  expect(gaps[2]).toBeGreaterThanOrEqual(99);
});
