/**
 * An SQS queue and its Lambda event-source mapping, in memory: messages are delivered in batches
 * (batch size, batching window), a batch item failure or a failed invocation comes back after a
 * short local visibility timeout, and after maxReceiveCount receives a message goes to the
 * redrive policy's dead-letter queue.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-account.js';
import type { PendingWork } from './pending-work.js';
import type { QueueConsumer } from './queues.js';

interface Message {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
}

/** Locally a failed message comes back after at most this long, not after the queue's full timeout. */
const LOCAL_VISIBILITY_MS = 2_000;

export class LocalQueue {
  private readonly ready: Message[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly consumer: QueueConsumer,
    private readonly invoke: (event: { Records: SQSRecord[] }) => Promise<unknown>,
    private readonly pending: PendingWork,
    private readonly log: (line: string) => void,
    /** Where a message goes after maxReceiveCount receives (besides the log). */
    private readonly deadLetter?: (body: string, why: string) => void,
  ) {}

  send(body: string): void {
    this.enqueue({ messageId: randomUUID(), body, sentAt: Date.now(), receiveCount: 0 });
  }

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
      void this.pending.track(() => this.deliver(batch));
    }
  }

  private async deliver(batch: Message[]): Promise<void> {
    for (const message of batch) message.receiveCount++;
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
      failed = new Set(batch.map((message) => message.messageId));
    }
    for (const message of batch.filter((m) => failed.has(m.messageId))) this.retry(message);
  }

  private retry(message: Message): void {
    if (message.receiveCount >= this.consumer.maxReceiveCount) {
      const why = `message ${message.messageId} of ${this.consumer.queueId} received ${message.receiveCount} times`;
      this.log(`[sqs] dead-lettered ${why}: ${message.body}`);
      this.deadLetter?.(message.body, why);
      return;
    }
    const end = this.pending.begin();
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.enqueue(message);
        end();
      },
      Math.min(this.consumer.visibilityTimeoutMs, LOCAL_VISIBILITY_MS),
    );
    this.timers.add(timer);
  }

  private record(message: Message): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
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
