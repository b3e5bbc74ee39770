import { LAMBDA_ASYNC_RETRY_DELAYS_MS } from '../../../infra/stateless/event-routing.js';
import { DynamoDbNotificationClaims } from '../../../shared/adapters/dynamodb/dynamodb-notification-claims.js';
import type { NotifiableEvent } from '../../../shared/notifications/notifiable-events.js';
import { type NotifyPorts, notifyEvents } from '../../../shared/use-cases/notify.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { incoming } from '../../support/engine-fixtures.js';
import { InMemoryNotifier } from '../../support/in-memory-notifier.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';

let harness: RepositoryHarness;
let notifier: InMemoryNotifier;
let ports: NotifyPorts;

beforeAll(async () => {
  harness = await createRepositoryHarness('notify');
}, 60_000);
afterAll(() => harness.drop());

beforeEach(() => {
  notifier = new InMemoryNotifier();
  ports = {
    repository: harness.repository,
    claims: new DynamoDbNotificationClaims(harness.tables.client, harness.tables.tableName),
    notifier,
  };
});

let tenantCount = 0;
const newTenant = () => `nu-${++tenantCount}`;

const awaitingEvent = async (tenant: string, orderId: string): Promise<NotifiableEvent> => {
  const outcome = await receiveOrder(harness.ports, tenant, incoming(orderId, [['A', 1]]), `evt-${orderId}`);
  const event = outcome.kind === 'accepted' ? outcome.decision.events[0] : undefined;
  if (event?.detailType !== 'Order Awaiting Stock') throw new Error('the order is not awaiting stock');
  return event;
};

it('sends a batch in one go and tells which events were sent before', async () => {
  const tenant = newTenant();
  const first = await awaitingEvent(tenant, 'o-1');
  const second = await awaitingEvent(tenant, 'o-2');
  await notifyEvents(ports, [first]);

  await expect(notifyEvents(ports, [first, second, second])).resolves.toEqual(['duplicate', 'sent', 'sent']);
  expect(notifier.sent.map((notification) => notification.eventId)).toEqual([
    first.detail.eventId,
    second.detail.eventId,
  ]);
});

it('keeps what went out of a partly failed batch, and sends the rest on the retry', async () => {
  const tenant = newTenant();
  const events = [await awaitingEvent(tenant, 'o-1'), await awaitingEvent(tenant, 'o-2')];
  const [sent, failed] = events.map((event) => event.detail.eventId);
  notifier.failingEventIds.add(failed ?? '');
  await expect(notifyEvents(ports, events)).rejects.toMatchObject({ name: 'NotificationsFailedError' });

  notifier.failingEventIds.clear();
  await expect(notifyEvents(ports, events)).resolves.toEqual(['duplicate', 'sent']);
  expect(notifier.sent.map((notification) => notification.eventId)).toEqual([sent, failed]);
});

it('gives the claim up when the order cannot be read, so the retry sends it', async () => {
  const tenant = newTenant();
  const event = await awaitingEvent(tenant, 'o-1');
  const early = { ...event, detail: { ...event.detail, orderId: 'o-not-yet' } } as NotifiableEvent;
  await expect(notifyEvents(ports, [early])).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });

  await awaitingEvent(tenant, 'o-not-yet');
  await expect(notifyEvents(ports, [early])).resolves.toEqual(['sent']);
});

it("takes over at Lambda's first retry a claim whose holder crashed: the notification is late, not lost", async () => {
  const tenant = newTenant();
  const event = await awaitingEvent(tenant, 'o-1');
  let now = Date.parse('2026-11-28T10:00:00.000Z');
  // The deployed lease: no option but the clock.
  const claims = new DynamoDbNotificationClaims(harness.tables.client, harness.tables.tableName, {
    now: () => now,
  });
  // The first delivery claims the event, then its process dies before sending or releasing.
  expect((await claims.claim(tenant, event.detail.eventId)).kind).toBe('claimed');

  now += LAMBDA_ASYNC_RETRY_DELAYS_MS[0];
  await expect(notifyEvents({ ...ports, claims }, [event])).resolves.toEqual(['sent']);
  expect(notifier.sent.map((notification) => notification.eventId)).toEqual([event.detail.eventId]);
});
