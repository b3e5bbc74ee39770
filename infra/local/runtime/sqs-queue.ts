/**
 * An SQS queue and its Lambda event-source mapping: messages are delivered in batches (batch
 * size, batching window), a batch item failure or a failed invocation comes back after a short
 * local visibility timeout, and after maxReceiveCount receives a message goes to the redrive
 * policy's dead-letter queue. Every message is held in the work journal from its send until it is
 * deleted or dead-lettered, with its receive count and the time it is visible again, so a runtime
 * killed with messages in flight delivers them after a restart, as SQS would.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-account.js';
import type { PendingWork } from './pending-work.js';
import type { QueueConsumer } from './queues.js';
import type { HeldMessage, WorkLog } from './work-journal.js';

interface Message {
  readonly id: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
}

/** Locally a failed message comes back after at most this long, not after the queue's full timeout. */
const LOCAL_VISIBILITY_MS = 2_000;

/** What a queue has handed its function so far: invocations and the messages in them. */
export interface QueueDeliveries {
  batches: number;
  messages: number;
}

export class LocalQueue {
  readonly deliveries: QueueDeliveries = { batches: 0, messages: 0 };
  private readonly ready: Message[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly consumer: QueueConsumer,
    private readonly invoke: (event: { Records: SQSRecord[] }) => Promise<unknown>,
    private readonly pending: PendingWork,
    private readonly journal: WorkLog,
    private readonly log: (line: string) => void,
    /** Where a message goes after maxReceiveCount receives (besides the log). */
    private readonly deadLetter?: (body: string, why: string) => void,
  ) {}

  /** Resolves once the message is kept (SendMessage's answer); it is delivered from then on. */
  async send(body: string): Promise<void> {
    const message: Message = { id: randomUUID(), body, sentAt: Date.now(), receiveCount: 0 };
    await this.journal.add({
      kind: 'message',
      queueId: this.consumer.queueId,
      dueAt: message.sentAt,
      ...message,
    });
    this.enqueue(message);
  }

  /** Takes back a message a previous run held, visible again at its due time. */
  restore(held: HeldMessage): void {
    const { id, body, sentAt, receiveCount } = held;
    const message = { id, body, sentAt, receiveCount };
    // Received for the last time when the run stopped: SQS would not deliver it again.
    if (receiveCount >= this.consumer.maxReceiveCount)
      void this.pending
        .track(() => this.retry(message))
        .catch((error: Error) =>
          this.log(`[sqs] ${this.consumer.queueId}: ${id} left held: ${error.message}`),
        );
    else this.later(message, held.dueAt - Date.now());
  }

  /** Delivers nothing more; what is held stays in the journal for the next run. */
  stop(): void {
    this.stopped = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private enqueue(message: Message): void {
    if (this.stopped) return;
    this.ready.push(message);
    if (this.ready.length >= this.consumer.batchSize) this.flush();
    else if (!this.flushTimer) {
      const end = this.pending.begin();
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.flush();
        end();
      }, this.consumer.batchWindowMs);
    }
  }

  private flush(): void {
    while (this.ready.length > 0) {
      const batch = this.ready.splice(0, this.consumer.batchSize);
      // A journal write that failed (a full disk, a runtime stopping) leaves the messages held.
      void this.pending
        .track(() => this.deliver(batch))
        .catch((error: Error) =>
          this.log(`[sqs] ${this.consumer.queueId}: batch left held: ${error.message}`),
        );
    }
  }

  private async deliver(batch: Message[]): Promise<void> {
    // A receive counts, and hides the message for the visibility timeout, before the function runs.
    const visibleAgainAt = Date.now() + this.visibilityMs();
    for (const message of batch) message.receiveCount++;
    this.deliveries.batches++;
    this.deliveries.messages += batch.length;
    await Promise.all(
      batch.map((m) => this.journal.change(m.id, { receiveCount: m.receiveCount, dueAt: visibleAgainAt })),
    );
    let failed: Set<string>;
    try {
      const response = (await this.invoke({ Records: batch.map((m) => this.record(m)) })) as
        | SQSBatchResponse
        | undefined;
      const reported = this.consumer.reportsItemFailures ? (response?.batchItemFailures ?? []) : [];
      failed = new Set(reported.map((failure) => failure.itemIdentifier));
    } catch (error) {
      this.log(
        `[sqs] ${this.consumer.function} failed on a batch of ${batch.length}: ${(error as Error).message}`,
      );
      failed = new Set(batch.map((message) => message.id));
    }
    await Promise.all(
      batch.map((message) => (failed.has(message.id) ? this.retry(message) : this.journal.done(message.id))),
    );
  }

  /** A message that failed: dead-lettered after its last receive, else visible again after the timeout. */
  private async retry(message: Message): Promise<void> {
    if (message.receiveCount >= this.consumer.maxReceiveCount) {
      const why = `message ${message.id} of ${this.consumer.queueId} received ${message.receiveCount} times`;
      this.log(`[sqs] dead-lettered ${why}: ${message.body}`);
      this.deadLetter?.(message.body, why);
      await this.journal.done(message.id);
      return;
    }
    this.later(message, this.visibilityMs());
  }

  private later(message: Message, delayMs: number): void {
    if (this.stopped) return;
    const end = this.pending.begin();
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.enqueue(message);
        end();
      },
      Math.max(0, delayMs),
    );
    this.timers.add(timer);
  }

  private visibilityMs(): number {
    return Math.min(this.consumer.visibilityTimeoutMs, LOCAL_VISIBILITY_MS);
  }

  private record(message: Message): SQSRecord {
    return {
      messageId: message.id,
      receiptHandle: `${message.id}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'events.amazonaws.com',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${this.consumer.queueId}`,
      awsRegion: LOCAL_REGION,
    };
  }
}
