import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventPublisher, PublishableEvent } from '../../ports/event-publisher.js';
import { eventBridgeSdk } from '../aws-sdk.js';

/** The `source` of every event this service publishes. */
export const EVENT_SOURCE = 'backorder.service';

const ENTRIES_PER_CALL = 10;
const ATTEMPTS = 3;

export class PublishFailedError extends Error {
  constructor(readonly failed: ReadonlyArray<{ eventId: string; code?: string }>) {
    super(`${failed.length} events could not be published`);
    this.name = 'PublishFailedError';
  }
}

const toEntry = (event: PublishableEvent, eventBusName: string): PutEventsRequestEntry => ({
  EventBusName: eventBusName,
  Source: EVENT_SOURCE,
  DetailType: event.detailType,
  Detail: JSON.stringify(event.detail),
  Time: new Date(event.detail.occurredAt),
});

/**
 * Publishes to the custom bus with PutEvents, ten entries a call, retrying the entries EventBridge
 * reports as failed. Each detail carries its `eventId`, so consumers drop repeats.
 */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async publish(events: readonly PublishableEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += ENTRIES_PER_CALL) {
      await this.publishChunk(events.slice(start, start + ENTRIES_PER_CALL));
    }
  }

  private async publishChunk(chunk: readonly PublishableEvent[]): Promise<void> {
    const { PutEventsCommand } = await eventBridgeSdk();
    let pending = [...chunk];
    let failures: Array<{ eventId: string; code?: string }> = [];
    for (let attempt = 1; attempt <= ATTEMPTS && pending.length > 0; attempt++) {
      const result = await this.client.send(
        new PutEventsCommand({ Entries: pending.map((event) => toEntry(event, this.eventBusName)) }),
      );
      if (!result.FailedEntryCount) return;
      const entries = result.Entries ?? [];
      failures = [];
      pending = pending.filter((event, index) => {
        const code = entries[index]?.ErrorCode;
        if (code) failures.push({ eventId: event.detail.eventId, code });
        return Boolean(code);
      });
    }
    if (pending.length > 0) throw new PublishFailedError(failures);
  }
}
