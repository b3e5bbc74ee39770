import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentSdk } from '../aws-sdk.js';
import type { Item } from './items.js';
import { INTAKE_INDEX_PARTITIONS, OUTBOX_INDEX_PARTITIONS, TIMER_INDEX_PARTITIONS } from './keys.js';
import { IndexKeys, TableIndex } from './table-schema.js';

const BATCH_GET_LIMIT = 100;

/** A table, and the client that reaches it. */
export interface TableAccess {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Every item the query matches, however many pages that takes. */
export const queryAll = async (client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> => {
  const { QueryCommand } = await documentSdk();
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** Each sharded listing: the index it is on and its partitions (intake shares the `timers` index). */
const SHARDS = {
  outbox: { index: TableIndex.outbox, partitions: OUTBOX_INDEX_PARTITIONS },
  timers: { index: TableIndex.timers, partitions: TIMER_INDEX_PARTITIONS },
  intake: { index: TableIndex.timers, partitions: INTAKE_INDEX_PARTITIONS },
} as const;

/**
 * The oldest `limit` items (or fewer) of a sparse sharded index whose sort key is below (`<`) or
 * up to (`<=`) `bound`, and after `after` when a page before ended there, the shards queried at
 * once, each for a share of the page (half as much again as an even share, so that reads stay
 * close to what is kept). A shard that filled its share may hold more past its last item, so the
 * page ends at the lowest such item: every listed item up to the page's last is in it, and the
 * next page starts after it (`next`, offered while more may remain).
 */
export const queryEveryShard = async (
  { client, tableName }: TableAccess,
  listing: keyof typeof SHARDS,
  sortKey: { below: '<' | '<='; bound: string; after?: string },
  limit: number,
): Promise<{ items: Item[]; next?: string }> => {
  const { QueryCommand } = await documentSdk();
  const { index, partitions } = SHARDS[listing];
  const keys = IndexKeys[index];
  const share = Math.ceil((limit * 3) / (2 * partitions.length));
  // BETWEEN is inclusive: `after` + NUL is the first key past it; no listed key equals a bound.
  const range = sortKey.after === undefined ? `#sk ${sortKey.below} :bound` : '#sk BETWEEN :after AND :bound';
  const shards = await Promise.all(
    partitions.map((partition) =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: `#pk = :pk AND ${range}`,
          ExpressionAttributeNames: { '#pk': keys.partitionKey, '#sk': keys.sortKey },
          ExpressionAttributeValues: {
            ':pk': partition,
            ':bound': sortKey.bound,
            ...(sortKey.after === undefined ? {} : { ':after': `${sortKey.after}\u0000` }),
          },
          Limit: share,
        }),
      ),
    ),
  );
  const sortKeyOf = (item: Item) => String(item[keys.sortKey]);
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const filledUpTo = shards
    .filter((shard) => shard.LastEvaluatedKey !== undefined && (shard.Items ?? []).length > 0)
    .map((shard) => sortKeyOf((shard.Items as Item[]).at(-1) as Item))
    .sort(byKey)[0];
  const merged = shards
    .flatMap((shard) => (shard.Items ?? []) as Item[])
    .sort((a, b) => byKey(sortKeyOf(a), sortKeyOf(b)));
  const complete = filledUpTo === undefined ? merged : merged.filter((item) => sortKeyOf(item) <= filledUpTo);
  const items = complete.slice(0, limit);
  const more = merged.length > items.length || filledUpTo !== undefined;
  const last = items.at(-1);
  return more && last ? { items, next: sortKeyOf(last) } : { items };
};

/** First wait before re-requesting unprocessed keys, doubled each time; attempts before giving up. */
const UNPROCESSED_BASE_DELAY_MS = 50;
const UNPROCESSED_ATTEMPTS = 10;

/** Half the exponential step, plus up to as much again at random ("equal jitter"). */
const backoff = (attempt: number) => {
  const step = Math.min(UNPROCESSED_BASE_DELAY_MS * 2 ** attempt, 2_000);
  return new Promise((resolve) => setTimeout(resolve, step / 2 + Math.random() * (step / 2)));
};

/**
 * Consistent BatchGetItem in chunks. Keys DynamoDB leaves unprocessed (throttling, size) are
 * re-requested after an exponential, jittered backoff, as AWS asks; a read that stays throttled
 * fails rather than loop.
 */
export const batchGetConsistent = async (
  { client, tableName }: TableAccess,
  requested: ReadonlyArray<{ pk: string; sk: string }>,
): Promise<Item[]> => {
  const { BatchGetCommand } = await documentSdk();
  const keys = [...new Map(requested.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    let request:
      | Record<string, { Keys: Array<Record<string, unknown>>; ConsistentRead: boolean }>
      | undefined = {
      [tableName]: { Keys: keys.slice(start, start + BATCH_GET_LIMIT), ConsistentRead: true },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt >= UNPROCESSED_ATTEMPTS) throw new Error('BatchGetItem left keys unprocessed too often');
      if (attempt > 0) await backoff(attempt - 1);
      const result = await client.send(new BatchGetCommand({ RequestItems: request }));
      items.push(...((result.Responses?.[tableName] ?? []) as Item[]));
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return items;
};
