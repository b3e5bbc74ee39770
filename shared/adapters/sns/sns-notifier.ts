import type { PublishBatchRequestEntry, SNSClient } from '@aws-sdk/client-sns';
import type { Notification } from '../../notifications/notification.js';
import { NotificationsFailedError, type Notifier } from '../../ports/notifier.js';
import { snsSdk } from '../aws-sdk.js';

/** PublishBatch takes at most ten entries, and at most 256 KiB of them in all. */
const ENTRIES_PER_CALL = 10;
const BYTES_PER_CALL = 256 * 1024;
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 100;

export interface SnsNotifierOptions {
  /** Injected so that tests need not wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

type Failure = { eventId: string; code?: string };

const toEntry = (notification: Notification, id: string): PublishBatchRequestEntry => ({
  Id: id,
  MessageStructure: 'json',
  Message: JSON.stringify(notification.message),
  Subject: notification.subject,
  MessageAttributes: Object.fromEntries(
    Object.entries(notification.attributes).map(([name, value]) => [
      name,
      { DataType: 'String', StringValue: value },
    ]),
  ),
});

const bytesOf = (notification: Notification): number =>
  Buffer.byteLength(JSON.stringify(notification.message)) +
  Buffer.byteLength(notification.subject) +
  Object.entries(notification.attributes).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value ?? '') + 'String'.length,
    0,
  );

/** Consecutive chunks within both limits; one notification over the size limit goes alone (and fails). */
const chunksOf = (notifications: readonly Notification[]): Notification[][] => {
  const chunks: Notification[][] = [];
  let current: Notification[] = [];
  let bytes = 0;
  for (const notification of notifications) {
    const size = bytesOf(notification);
    if (current.length === ENTRIES_PER_CALL || (current.length > 0 && bytes + size > BYTES_PER_CALL)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(notification);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/**
 * Sends notifications to one SNS topic with PublishBatch. Entries SNS reports as failed are sent
 * again, all but those failed by a fault of the request itself, which would only fail again.
 */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    private readonly options: SnsNotifierOptions = {},
  ) {}

  async send(notifications: readonly Notification[]): Promise<void> {
    const failed: Failure[] = [];
    let cause: unknown;
    for (const chunk of chunksOf(notifications)) {
      try {
        failed.push(...(await this.sendChunk(chunk)));
      } catch (error) {
        // The whole call failed after the SDK's own retries: none of the chunk is known to be sent.
        cause = error;
        failed.push(...chunk.map(({ eventId }) => ({ eventId, code: (error as Error).name })));
      }
    }
    if (failed.length > 0) throw new NotificationsFailedError(failed, { cause });
  }

  private async sendChunk(chunk: readonly Notification[]): Promise<Failure[]> {
    const { PublishBatchCommand } = await snsSdk();
    let pending = chunk.map((notification, index) => ({ id: `n${index}`, notification }));
    const permanent: Failure[] = [];
    let lastCodes = new Map<string, string | undefined>();
    for (let attempt = 1; attempt <= ATTEMPTS && pending.length > 0; attempt++) {
      if (attempt > 1) await this.sleep(RETRY_DELAY_MS * 2 ** (attempt - 2));
      const result = await this.client.send(
        new PublishBatchCommand({
          TopicArn: this.topicArn,
          PublishBatchRequestEntries: pending.map(({ id, notification }) => toEntry(notification, id)),
        }),
      );
      const sent = new Set((result.Successful ?? []).map((entry) => entry.Id));
      const failures = new Map((result.Failed ?? []).map((entry) => [entry.Id, entry]));
      lastCodes = new Map([...failures].map(([id, entry]) => [id ?? '', entry.Code]));
      pending = pending.filter(({ id, notification }) => {
        if (sent.has(id)) return false;
        const failure = failures.get(id);
        if (failure?.SenderFault) {
          permanent.push({ eventId: notification.eventId, ...(failure.Code ? { code: failure.Code } : {}) });
          return false;
        }
        return true;
      });
    }
    return [
      ...permanent,
      ...pending.map(({ id, notification }) => ({
        eventId: notification.eventId,
        code: lastCodes.get(id) ?? 'NotAcknowledged',
      })),
    ];
  }

  private sleep(ms: number): Promise<void> {
    return this.options.sleep?.(ms) ?? new Promise((resolve) => setTimeout(resolve, ms));
  }
}
