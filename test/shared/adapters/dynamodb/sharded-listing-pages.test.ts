import { DynamoDbInbox } from '../../../../shared/adapters/dynamodb/dynamodb-inbox.js';
import { DynamoDbSweepSource } from '../../../../shared/adapters/dynamodb/dynamodb-sweep-source.js';
import { intakePartition } from '../../../../shared/adapters/dynamodb/keys.js';
import type { IntakeEntry } from '../../../../shared/ports/sweep-source.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';

/**
 * The sweep's listings are sharded; a page is the oldest entries of all shards, read a share from
 * each. However the entries fall on the shards, paging after each page's last entry gives every
 * entry once, oldest first.
 */
let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('sharded-listing-pages');
}, 60_000);
afterAll(() => harness.drop());

const accept = (inbox: DynamoDbInbox, orderId: string, at: string) =>
  inbox.accept('t', orderId, {
    detailType: 'Order Received',
    detail: { eventId: `evt-${orderId}`, tenantId: 't', occurredAt: at },
  });

it('pages through entries crowded on one shard and spread on the others, each once, oldest first', async () => {
  const inbox = new DynamoDbInbox(harness.tables.client, harness.tables.tableName);
  const ids = Array.from({ length: 2_000 }, (_, index) => `o-${index}`);
  const crowded = ids.filter((id) => intakePartition(id) === intakePartition('o-0')).slice(0, 100);
  const spread = ids.filter((id) => intakePartition(id) !== intakePartition('o-0')).slice(0, 30);
  // The crowded shard's entries are the oldest and the newest, the others in between.
  const listed = [...crowded.slice(0, 50), ...spread, ...crowded.slice(50)];
  for (const [index, orderId] of listed.entries())
    await accept(
      inbox,
      orderId,
      new Date(Date.parse('2026-12-01T00:00:00.000Z') + index * 1000).toISOString(),
    );

  const source = new DynamoDbSweepSource(harness.tables.client, harness.tables.tableName);
  const seen: IntakeEntry[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await source.intakeHandedOverBefore('2026-12-02T00:00:00.000Z', 40, after);
    expect(page.entries.length).toBeLessThanOrEqual(40);
    seen.push(...page.entries);
    after = page.next;
    pages += 1;
  } while (after !== undefined && pages < 50);
  expect(seen.map((entry) => entry.orderId)).toEqual(listed);
});
