/**
 * The work journal under the local queues and asynchronous invocations: what a run held when it
 * was cut off (no stop, no drain: as a kill leaves it) is delivered by the next run, with its
 * receive count or failed attempts, at its due time; a torn last line is ignored; the file is
 * compacted on open and while it runs.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { AsyncInvoker } from '../../../../infra/local/runtime/async-invoker.js';
import { DeadLetters } from '../../../../infra/local/runtime/dead-letters.js';
import { PendingWork } from '../../../../infra/local/runtime/pending-work.js';
import type { QueueConsumer } from '../../../../infra/local/runtime/queues.js';
import { LocalQueue } from '../../../../infra/local/runtime/sqs-queue.js';
import { replayJournal, WorkJournal } from '../../../../infra/local/runtime/work-journal.js';

const dir = mkdtempSync(join(tmpdir(), 'work-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fileFor = (name: string) => join(dir, `${name}.jsonl`);

const consumer: QueueConsumer = {
  queueId: 'Queue',
  function: 'allocator',
  batchSize: 10,
  batchWindowMs: 50,
  reportsItemFailures: true,
  maxReceiveCount: 3,
  visibilityTimeoutMs: 300,
};

const never = () => new Promise<never>(() => undefined);

const queueOn = (journal: WorkJournal, invoke: (event: SQSEvent) => Promise<unknown>, letters: string[]) => {
  const pending = new PendingWork();
  const queue = new LocalQueue(
    consumer,
    (event) => invoke(event as SQSEvent),
    pending,
    journal,
    () => undefined,
    (body) => letters.push(body),
  );
  return { queue, pending };
};

describe('the work journal', () => {
  it('ignores a torn last line and keeps only what is held when it opens', async () => {
    const file = fileFor('torn');
    const work = { kind: 'invocation', fn: 'notifier', event: {}, origin: 'rule R', attempts: 0, dueAt: 1 };
    writeFileSync(
      file,
      [
        JSON.stringify({ op: 'add', work: { ...work, id: 'a' } }),
        JSON.stringify({ op: 'add', work: { ...work, id: 'b' } }),
        JSON.stringify({ op: 'set', id: 'b', change: { attempts: 1, dueAt: 5 } }),
        JSON.stringify({ op: 'done', id: 'a' }),
        '{"op":"done","id":"b"', // the kill cut this write short
      ].join('\n'),
    );
    const logs: string[] = [];
    const journal = await WorkJournal.open(file, { log: (line) => logs.push(line) });
    await journal.close();

    expect(journal.recovered).toEqual([{ ...work, id: 'b', attempts: 1, dueAt: 5 }]);
    expect(logs).toEqual([expect.stringMatching(/skipped 1 unreadable line/)]);
    expect(replayJournal(readFileSync(file, 'utf8'))).toEqual({
      held: new Map([['b', { ...work, id: 'b', attempts: 1, dueAt: 5 }]]),
      skipped: 0,
    });
  });

  it('compacts itself while it runs once it has grown', async () => {
    const file = fileFor('compacting');
    const journal = await WorkJournal.open(file, { compactAfterBytes: 2_000 });
    const body = 'x'.repeat(200);
    for (let n = 0; n < 40; n++) {
      const id = `m${n}`;
      await journal.add({ kind: 'message', id, queueId: 'Q', body, sentAt: 0, receiveCount: 0, dueAt: 0 });
      if (n !== 7) await journal.done(id);
    }
    await journal.close();
    expect(statSync(file).size).toBeLessThan(2_000 + 600);
    expect([...replayJournal(readFileSync(file, 'utf8')).held.keys()]).toEqual(['m7']);
  });
});

describe('a queue whose run was cut off', () => {
  it('delivers the messages it held to the next run, counting the receive that was cut off', async () => {
    const file = fileFor('queue');
    const first = await WorkJournal.open(file);
    let received!: () => void;
    const receivedOnce = new Promise<void>((resolve) => (received = resolve));
    const before = queueOn(first, () => {
      received();
      return never();
    }, []);
    await before.queue.send('a');
    await before.queue.send('b');
    await receivedOnce;
    // Killed here: the batch is in the function, nothing is deleted. The next run opens the same file.

    const second = await WorkJournal.open(file);
    expect(second.recovered.map((work) => [work.kind, work.kind === 'message' && work.receiveCount])).toEqual(
      [
        ['message', 1],
        ['message', 1],
      ],
    );
    const batches: Array<Array<[string, string]>> = [];
    let deliveredAt = 0;
    const after = queueOn(
      second,
      async (event) => {
        deliveredAt = Date.now();
        batches.push(event.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount]));
        return { batchItemFailures: [] };
      },
      [],
    );
    for (const work of second.recovered) if (work.kind === 'message') after.queue.restore(work);
    await after.pending.idle();
    await second.close();
    await first.close();

    expect(batches.flat().sort()).toEqual([
      ['a', '2'],
      ['b', '2'],
    ]);
    // Invisible until the visibility timeout of the cut-off receive has passed, as on SQS.
    expect(deliveredAt).toBeGreaterThanOrEqual(Math.max(...second.recovered.map((work) => work.dueAt)));
    expect(second.size).toBe(0);
    expect(replayJournal(readFileSync(file, 'utf8')).held.size).toBe(0);
  });

  it('dead-letters a message cut off during its last receive instead of delivering it again', async () => {
    const file = fileFor('last-receive');
    writeFileSync(
      file,
      `${JSON.stringify({
        op: 'add',
        work: {
          kind: 'message',
          id: 'm',
          queueId: 'Queue',
          body: 'poison',
          sentAt: 0,
          receiveCount: 3,
          dueAt: 0,
        },
      })}\n`,
    );
    const journal = await WorkJournal.open(file);
    const letters: string[] = [];
    const delivered: string[] = [];
    const { queue, pending } = queueOn(
      journal,
      async (event) => {
        delivered.push(...event.Records.map((r) => r.body));
        return {};
      },
      letters,
    );
    for (const work of journal.recovered) if (work.kind === 'message') queue.restore(work);
    await pending.idle();
    await journal.close();
    expect({ delivered, letters, held: journal.size }).toEqual({
      delivered: [],
      letters: ['poison'],
      held: 0,
    });
  });
});

describe('an asynchronous invocation whose run was cut off', () => {
  it('runs again after the next run starts, with the attempts it had already failed', async () => {
    const file = fileFor('invocation');
    const letters = join(dir, 'letters');
    const deadLetters = new DeadLetters(
      letters,
      (id) => id,
      () => undefined,
    );
    const configs = new Map([['notifier' as const, { retries: 2, deadLetterQueueId: 'Dlq' }]]);
    const first = await WorkJournal.open(file);
    const attempts: number[] = [];
    let failedOnce!: () => void;
    const cutOff = new Promise<void>((resolve) => (failedOnce = resolve));
    const before = new AsyncInvoker(
      configs,
      async () => {
        attempts.push(1);
        setTimeout(failedOnce, 20); // the retry is recorded, then the run is killed while it waits
        throw new Error('SNS is down');
      },
      deadLetters,
      new PendingWork(),
      first,
      () => undefined,
      60_000,
    );
    const failedAt = Date.now();
    await before.invokeAsync('notifier', { id: 'e-1' }, 'rule Notifications');
    await cutOff;
    before.stop();

    const second = await WorkJournal.open(file);
    expect(second.recovered).toEqual([
      expect.objectContaining({ kind: 'invocation', fn: 'notifier', attempts: 1, event: { id: 'e-1' } }),
    ]);
    // Due a minute after the failure (the retry's delay); brought forward here to keep the test short.
    const [held] = second.recovered;
    expect(held?.dueAt).toBeGreaterThanOrEqual(failedAt + 60_000);
    const pending = new PendingWork();
    const after = new AsyncInvoker(
      configs,
      async () => {
        attempts.push(2);
        throw new Error('SNS is still down');
      },
      deadLetters,
      pending,
      second,
      () => undefined,
      1,
    );
    if (held?.kind === 'invocation') after.restore({ ...held, dueAt: Date.now() });
    await pending.idle();
    await second.close();
    await first.close();

    expect(attempts).toEqual([1, 2, 2]);
    const [letter] = readFileSync(join(letters, 'Dlq.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(letter as string)).toMatchObject({ body: '{"id":"e-1"}' });
    expect(second.size).toBe(0);
    expect(replayJournal(readFileSync(file, 'utf8')).held.size).toBe(0);
  });
});
