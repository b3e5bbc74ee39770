import { ConditionalCheckFailedException, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { IndexKeys, TableAttr, TableIndex } from '../../../shared/adapters/dynamodb/table-schema.js';
import { createTestTables, type TestTables } from '../../support/tables.js';

let tables: TestTables;

beforeAll(async () => {
  tables = await createTestTables('tables-in-dynamodb-local');
}, 120_000);

afterAll(async () => {
  await tables?.drop();
});

describe('the CDK table, created in DynamoDB Local from the synthesized template', () => {
  it('accepts a conditional write and rejects a second one, returning the old item', async () => {
    const item = {
      [TableAttr.pk]: 'T1#ORDER#o-1',
      [TableAttr.sk]: 'ORDER',
      status: 'AwaitingStock',
      version: 1,
    };
    const put = () =>
      tables.client.send(
        new PutCommand({
          TableName: tables.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TableAttr.pk },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );

    await put();
    const failure = await put().then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(ConditionalCheckFailedException);
    expect((failure as ConditionalCheckFailedException).name).toBe('ConditionalCheckFailedException');
    // The old item comes back in DynamoDB's wire format.
    expect((failure as ConditionalCheckFailedException).Item).toEqual({
      pk: { S: 'T1#ORDER#o-1' },
      sk: { S: 'ORDER' },
      status: { S: 'AwaitingStock' },
      version: { N: '1' },
    });
  });

  it('queries only one SKU on the sparse waiting index, in rank order', async () => {
    const wait = (sku: string, orderId: string, rank: string) => ({
      [TableAttr.pk]: `T1#ORDER#${orderId}`,
      [TableAttr.sk]: `WAIT#${sku}`,
      [TableAttr.waitPk]: `T1#WH1#${sku}`,
      [TableAttr.waitSk]: rank,
      orderId,
    });
    const items = [
      wait('SKU-A', 'o-3', '0002#2026-01-03'),
      wait('SKU-A', 'o-1', '0001#2026-01-05'),
      wait('SKU-B', 'o-2', '0001#2026-01-01'),
      wait('SKU-A', 'o-2', '0002#2026-01-01'),
      // An order item without the waiting attributes is not in the index.
      { [TableAttr.pk]: 'T1#ORDER#o-9', [TableAttr.sk]: 'ORDER', status: 'Allocated' },
    ];
    for (const Item of items) {
      await tables.client.send(new PutCommand({ TableName: tables.tableName, Item }));
    }

    const { Items } = await tables.client.send(
      new QueryCommand({
        TableName: tables.tableName,
        IndexName: TableIndex.waiting,
        KeyConditionExpression: '#waitPk = :waitPk',
        ExpressionAttributeNames: { '#waitPk': TableAttr.waitPk },
        ExpressionAttributeValues: { ':waitPk': 'T1#WH1#SKU-A' },
      }),
    );

    expect(Items?.map((item) => item.orderId)).toEqual(['o-1', 'o-2', 'o-3']);
    // Projection ALL: the whole item comes back from the index.
    expect(Items?.[0]).toEqual(wait('SKU-A', 'o-1', '0001#2026-01-05'));
  });

  it('has the other indexes and TTL of the template', async () => {
    const { TimeToLiveDescription } = await tables.dynamodb.send(
      new DescribeTimeToLiveCommand({ TableName: tables.tableName }),
    );
    expect(TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });

    for (const IndexName of [TableIndex.byStatus, TableIndex.outbox, TableIndex.timers]) {
      const { Items } = await tables.client.send(
        new QueryCommand({
          TableName: tables.tableName,
          IndexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': IndexKeys[IndexName].partitionKey },
          ExpressionAttributeValues: { ':pk': 'nothing-here' },
        }),
      );
      expect(Items).toEqual([]);
    }
  });
});
