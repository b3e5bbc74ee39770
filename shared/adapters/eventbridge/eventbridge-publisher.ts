import type {
  EventBridgeClient,
  PutEventsCommandOutput,
  PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import {
  type EventPublisher,
  type PublishableEvent,
  PublishFailedError,
  type PublishFailure,
} from '../../ports/event-publisher.js';
import { eventBridgeSdk } from '../aws-sdk.js';
import { PUT_EVENTS_MAX_BYTES, PUT_EVENTS_MAX_ENTRIES, putEventsEntrySize } from './put-events-limits.js';

/** The `source` of every event this service publishes. */
export const EVENT_SOURCE = 'backorder.service';

const ATTEMPTS = 3;
/** Entry errors that sending the same entry again can never mend. */
const PERMANENT_CODES = new Set(['MalformedDetail', 'InvalidArgument']);

const toEntry = (event: PublishableEvent, eventBusName: string): PutEventsRequestEntry => ({
  EventBusName: eventBusName,
  Source: EVENT_SOURCE,
  DetailType: event.detailType,
  Detail: JSON.stringify(event.detail),
  Time: new Date(event.detail.occurredAt),
});

interface Sized {
  event: PublishableEvent;
  entry: PutEventsRequestEntry;
  size: number;
}

/** Consecutive calls within both of PutEvents' limits: ten entries, 256 KB. */
const callsOf = (entries: readonly Sized[]): Sized[][] => {
  const calls: Sized[][] = [];
  let current: Sized[] = [];
  let bytes = 0;
  for (const sized of entries) {
    if (current.length === PUT_EVENTS_MAX_ENTRIES || bytes + sized.size > PUT_EVENTS_MAX_BYTES) {
      calls.push(current);
      current = [];
      bytes = 0;
    }
    current.push(sized);
    bytes += sized.size;
  }
  if (current.length > 0) calls.push(current);
  return calls;
};

/**
 * Publishes to the custom bus with PutEvents, in calls sized to its limits, retrying the entries
 * EventBridge reports as failed. An event too large for any call is never sent; a call that fails
 * whole fails only its own entries. Each detail carries its `eventId`, so consumers drop repeats.
 */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async publish(events: readonly PublishableEvent[]): Promise<void> {
    const failed: PublishFailure[] = [];
    const sendable: Sized[] = [];
    for (const event of events) {
      const entry = toEntry(event, this.eventBusName);
      const size = putEventsEntrySize(entry);
      if (size > PUT_EVENTS_MAX_BYTES)
        failed.push({ eventId: event.detail.eventId, code: 'EntryTooLarge', permanent: true });
      else sendable.push({ event, entry, size });
    }
    for (const call of callsOf(sendable)) failed.push(...(await this.publishCall(call)));
    if (failed.length > 0) throw new PublishFailedError(failed);
  }

  private async publishCall(call: readonly Sized[]): Promise<PublishFailure[]> {
    const { PutEventsCommand } = await eventBridgeSdk();
    let pending = [...call];
    const failures: PublishFailure[] = [];
    let codes = new Map<Sized, string>();
    for (let attempt = 1; attempt <= ATTEMPTS && pending.length > 0; attempt++) {
      let result: PutEventsCommandOutput;
      try {
        result = await this.client.send(new PutEventsCommand({ Entries: pending.map(({ entry }) => entry) }));
      } catch (error) {
        // The whole call failed after the SDK's own retries: none of it is known to have gone.
        const code = (error as Error).name;
        // A refusal of the request itself: each entry is tried alone, so that one EventBridge will
        // never take is found and set aside instead of failing its neighbours on every sweep.
        if (code === 'ValidationException' && pending.length > 1) {
          const alone = await Promise.all(pending.map((sized) => this.publishCall([sized])));
          return [...failures, ...alone.flat()];
        }
        const permanent = code === 'ValidationException';
        return [
          ...failures,
          ...pending.map(({ event }) => ({ eventId: event.detail.eventId, code, permanent })),
        ];
      }
      const entries = result.Entries ?? [];
      codes = new Map();
      pending = pending.filter((sized, index) => {
        const code = entries[index]?.ErrorCode;
        if (!code) return false;
        if (PERMANENT_CODES.has(code)) {
          failures.push({ eventId: sized.event.detail.eventId, code, permanent: true });
          return false;
        }
        codes.set(sized, code);
        return true;
      });
    }
    return [
      ...failures,
      ...pending.map((sized) => ({
        eventId: sized.event.detail.eventId,
        code: codes.get(sized),
        permanent: false,
      })),
    ];
  }
}
