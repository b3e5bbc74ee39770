/** The local SQS queue: batches, redelivers reported failures, and dead-letters after maxReceiveCount. */
import { expect, test } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { PendingWork } from '../../../../infra/local/runtime/pending-work.js';
import type { QueueConsumer } from '../../../../infra/local/runtime/queues.js';
import { LocalQueue } from '../../../../infra/local/runtime/sqs-queue.js';

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
  const queue = new LocalQueue(
    consumer,
    async (event) => {
      const records = (event as SQSEvent).Records;
      batches.push(records.map((record) => record.body));
      const failures = records.filter((record) => record.body === 'bad');
      return { batchItemFailures: failures.map((record) => ({ itemIdentifier: record.messageId })) };
    },
    pending,
    (line) => log.push(line),
    (body) => deadLetters.push(body),
  );
  for (const body of ['a', 'bad', 'c']) queue.send(body);
  await pending.idle();
  queue.stop();

  expect(batches).toEqual([['a', 'bad'], ['c'], ['bad']]);
  expect(log).toEqual([expect.stringMatching(/dead-lettered message .* of Queue received 2 times: bad/)]);
  expect(deadLetters).toEqual(['bad']);
});
