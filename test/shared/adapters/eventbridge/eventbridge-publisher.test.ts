/**
 * The publisher's answer when EventBridge refuses a whole call (a ValidationException, as for a
 * request over PutEvents' limits): no neighbour is failed for good by one entry EventBridge will
 * never take. The client stands in for EventBridge here; the local endpoint's own refusals are
 * covered in test/shared/use-cases/outbox-head-of-line.test.ts.
 */
import type { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../../../../shared/adapters/eventbridge/eventbridge-publisher.js';
import { type PublishableEvent, PublishFailedError } from '../../../../shared/ports/event-publisher.js';

const event = (eventId: string, poison = false): PublishableEvent => ({
  detailType: 'Order Split',
  detail: { eventId, tenantId: 't', occurredAt: '2026-03-02T09:00:00.000Z', ...(poison ? { poison } : {}) },
});

/** Refuses, whole, any call carrying a `poison` detail; takes every other call. */
const refusingClient = (calls: string[][]) =>
  ({
    send: async (command: PutEventsCommand) => {
      const entries = command.input.Entries ?? [];
      calls.push(entries.map((entry) => JSON.parse(entry.Detail ?? '{}').eventId));
      if (entries.some((entry) => entry.Detail?.includes('"poison"')))
        throw Object.assign(new Error('refused'), { name: 'ValidationException' });
      return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: 'x' })) };
    },
  }) as unknown as EventBridgeClient;

it('tries each entry of a refused call alone, failing for good only the one that is refused alone', async () => {
  const calls: string[][] = [];
  const publisher = new EventBridgePublisher(refusingClient(calls), 'bus');
  const failure = await publisher.publish([event('a'), event('b', true), event('c')]).catch((error) => error);
  expect(failure).toBeInstanceOf(PublishFailedError);
  expect((failure as PublishFailedError).failed).toEqual([
    { eventId: 'b', code: 'ValidationException', permanent: true },
  ]);
  expect(calls).toEqual([['a', 'b', 'c'], ['a'], ['b'], ['c']]);
});
