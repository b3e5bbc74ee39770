/**
 * The EventBridge bus, in this process: an EventPublisher whose events are wrapped in the
 * EventBridge envelope, matched against the template's rules, and delivered asynchronously to
 * each matching rule's targets (a Lambda function, retried a few times and then dead-lettered,
 * or an SQS queue).
 */
import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { EVENT_SOURCE } from '../../../shared/adapters/eventbridge/eventbridge-publisher.js';
import type { EventPublisher, PublishableEvent } from '../../../shared/ports/event-publisher.js';
import type { EventRule } from './event-rules.js';
import type { Invoke } from './functions.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './lambda-context.js';
import type { PendingWork } from './pending-work.js';
import type { LocalQueue } from './sqs-queue.js';

const RETRY_BASE_MS = 200;

/** EventBridge's `time`: UTC to the second. */
const eventTime = (iso: string): string => {
  const date = new Date(iso);
  return (Number.isNaN(date.getTime()) ? new Date() : date).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

export const envelopeOf = (event: PublishableEvent): EventBridgeEvent<string, unknown> => ({
  version: '0',
  id: randomUUID(),
  'detail-type': event.detailType,
  source: EVENT_SOURCE,
  account: LOCAL_ACCOUNT,
  time: eventTime(event.detail.occurredAt),
  region: LOCAL_REGION,
  resources: [],
  detail: event.detail,
});

export class LocalEventBus implements EventPublisher {
  private invoke: Invoke | undefined;
  private stopped = false;

  constructor(
    private readonly rules: readonly EventRule[],
    private readonly queues: ReadonlyMap<string, LocalQueue>,
    private readonly pending: PendingWork,
    private readonly log: (line: string) => void,
  ) {}

  /** The handlers are loaded after the bus exists (they publish to it). */
  connect(invoke: Invoke): void {
    this.invoke = invoke;
  }

  stop(): void {
    this.stopped = true;
  }

  async publish(events: readonly PublishableEvent[]): Promise<void> {
    if (this.stopped) throw new Error('The local event bus is stopped');
    for (const event of events) {
      const envelope = envelopeOf(event);
      for (const rule of this.rules) {
        if (!rule.pattern.matches(envelope)) continue;
        for (const target of rule.targets) {
          if (target.kind === 'sqs') {
            const queue = this.queues.get(target.queueId);
            if (!queue)
              this.log(
                `[bus] rule ${rule.logicalId}: queue ${target.queueId} has no consumer; event dropped`,
              );
            else queue.send(JSON.stringify(envelope));
          } else {
            // Asynchronous, as PutEvents is: the publisher does not wait for the target.
            void this.pending.track(() =>
              this.deliver(rule.logicalId, target.function, target.retryAttempts, envelope),
            );
          }
        }
      }
    }
  }

  private async deliver(
    ruleId: string,
    fn: Parameters<Invoke>[0],
    retries: number,
    envelope: EventBridgeEvent<string, unknown>,
  ) {
    await new Promise((resolve) => setImmediate(resolve));
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return;
      try {
        if (!this.invoke) throw new Error('no handlers loaded');
        await this.invoke(fn, envelope);
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (attempt >= retries) {
          this.log(
            `[bus] dead-lettered ${envelope['detail-type']} ${envelope.id} (rule ${ruleId} → ${fn}) after ${attempt + 1} attempts: ${message}`,
          );
          return;
        }
        this.log(
          `[bus] ${fn} failed on ${envelope['detail-type']} (attempt ${attempt + 1}), retrying: ${message}`,
        );
        await new Promise((resolve) => setTimeout(resolve, RETRY_BASE_MS * 2 ** attempt));
      }
    }
  }
}
