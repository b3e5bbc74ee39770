/** The local SQS queue: batches, redelivers reported failures, and dead-letters after maxReceiveCount. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { PendingWork } from '../../../../infra/local/runtime/pending-work.js';
import type { QueueConsumer } from '../../../../infra/local/runtime/queues.js';
import { LocalQueue } from '../../../../infra/local/runtime/sqs-queue.js';
import { WorkJournal } from '../../../../infra/local/runtime/work-journal.js';

const dir = mkdtempSync(join(tmpdir(), 'sqs-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const consumer: QueueConsumer = {
  queueId: 'Queue',
  function: 'allocator',
  batchSize: 2,
  batchWindowMs: 20,
  reportsItemFailures: true,
  maxReceiveCount: 2,
  visibilityTimeoutMs: 60,
};

test('delivers in batches, redelivers failed items, then dead-letters them', async () => {
  const batches: string[][] = [];
  const log: string[] = [];
  const deadLetters: string[] = [];
  const pending = new PendingWork();
  const journal = await WorkJournal.open(join(dir, 'batches.jsonl'));
  const queue = new LocalQueue(
    consumer,
    async (event) => {
      const records = (event as SQSEvent).Records;
      batches.push(records.map((record) => record.body));
      const failures = records.filter((record) => record.body === 'bad');
      return { batchItemFailures: failures.map((record) => ({ itemIdentifier: record.messageId })) };
    },
    pending,
    journal,
    (line) => log.push(line),
    (body) => deadLetters.push(body),
  );
  for (const body of ['a', 'bad', 'c']) await queue.send(body);
  await pending.idle();
  queue.stop();
  await journal.close();

  expect(batches).toEqual([['a', 'bad'], ['c'], ['bad']]);
  // What the bench sizes its direct batches by: invocations and the messages in them.
  expect(queue.deliveries).toEqual({ batches: 3, messages: 4 });
  expect(log).toEqual([expect.stringMatching(/dead-lettered message .* of Queue received 2 times: bad/)]);
  expect(deadLetters).toEqual(['bad']);
  // Deleted or dead-lettered: nothing is held for a next run.
  expect(journal.size).toBe(0);
});
