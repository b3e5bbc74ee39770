import { makeHandler } from '../../../functions/notifier/index.js';
import type { Decision } from '../../../shared/allocation/decision.js';
import type { OutgoingEvent } from '../../../shared/events/outgoing-events.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { receiveStock } from '../../../shared/use-cases/receive-stock.js';
import { captureOutput } from '../../support/captured-output.js';
import { inboundSupply, incoming } from '../../support/engine-fixtures.js';
import { eventBridgeEvent } from '../../support/event-envelopes.js';
import { lambdaContext } from '../../support/http-events.js';
import { InMemoryNotifier } from '../../support/in-memory-notifier.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { wireHarness } from '../../support/wired-harness.js';

const CUSTOMER = { name: 'Grace Hopper', email: 'grace@example.com', phone: '+447700900456' };

let harness: RepositoryHarness;
let notifier: InMemoryNotifier;
let handler: ReturnType<typeof makeHandler>;

beforeAll(async () => {
  harness = await createRepositoryHarness('notifier');
}, 60_000);
afterAll(() => harness.drop());

beforeEach(() => {
  notifier = new InMemoryNotifier();
  const wiring = wireHarness(harness, { publisher: new InMemoryPublisher(), notifier });
  handler = makeHandler(() => wiring);
});

/** Each test is its own tenant, so that claims, stock and policies never leak between tests. */
let tenantCount = 0;
const newTenant = () => `notify-${++tenantCount}`;

const eventsOf = (decisions: readonly Decision[], detailType: OutgoingEvent['detailType']) =>
  decisions.flatMap((decision) => decision.events).filter((event) => event.detailType === detailType);

/** An order of three mugs with none in stock: the engine's own `Order Awaiting Stock` event. */
const awaitingOrder = async (tenant: string, orderId = 'shopify-2001') => {
  const outcome = await receiveOrder(
    harness.ports,
    tenant,
    incoming(orderId, [['MUG-1', 3]], { channelOrderId: '#2001', customer: CUSTOMER }),
    `evt-${orderId}`,
  );
  if (outcome.kind !== 'accepted') throw new Error('the order was not taken');
  const [event] = eventsOf([outcome.decision], 'Order Awaiting Stock');
  if (!event) throw new Error('the order is not awaiting stock');
  return event;
};

const deliver = (event: OutgoingEvent) => handler(eventBridgeEvent(event), lambdaContext('notifier'));

describe('an event delivered once', () => {
  it('is told to subscribers with the expected arrival of what is missing', async () => {
    const tenant = newTenant();
    await harness.addInbound({ ...inboundSupply('MUG-1', 5, '2026-12-03T08:00:00Z'), tenantId: tenant });
    const event = await awaitingOrder(tenant);

    await expect(deliver(event)).resolves.toEqual({ outcome: 'sent' });

    expect(notifier.sent).toHaveLength(1);
    const [notification] = notifier.sent;
    expect(notification?.message.email).toContain('Order #2001 (our id shopify-2001) for Grace Hopper');
    expect(notification?.message.email).toContain('- MUG-1 × 3, expected by 3 Dec');
    expect(notification?.attributes).toEqual({
      eventType: 'Order Awaiting Stock',
      tenantId: tenant,
      channel: 'shopify',
      warehouseId: 'main',
    });
  });

  it('is told for a split and for the backorder fulfilled later, from the engine’s own events', async () => {
    const tenant = newTenant();
    await harness.setPolicies(tenant, { tenant: { onShortage: 'split' } });
    const receipt = (receiptId: string, quantity: number) =>
      receiveStock(
        harness.ports,
        tenant,
        { receiptId, warehouseId: 'main', lines: [{ sku: 'MUG-1', quantity }] },
        `evt-${receiptId}`,
      );
    await receipt('r-1', 2);
    const intake = await receiveOrder(
      harness.ports,
      tenant,
      incoming('shopify-2002', [['MUG-1', 5]], { channelOrderId: '#2002', customer: CUSTOMER }),
      'evt-shopify-2002',
    );
    const [split] = intake.kind === 'accepted' ? eventsOf([intake.decision], 'Order Split') : [];
    const later = await receipt('r-2', 3);
    const [fulfilled] = later.kind === 'applied' ? eventsOf(later.decisions, 'Backorder Fulfilled') : [];
    if (!split || !fulfilled) throw new Error('the engine did not split and then fulfil the order');

    await deliver(split);
    await deliver(fulfilled);

    expect(notifier.sent.map((notification) => notification.subject)).toEqual([
      'Order #2002 was split: 2 units ship now, 3 wait on backorder shopify-2002-BO1',
      'Order #2002: backorder shopify-2002-BO1 is ready to pick',
    ]);
    expect(notifier.sent[1]?.message.sms).toBe(
      'Order #2002 for Grace Hopper: backorder shopify-2002-BO1 is now fully in stock and ready to pick.',
    );
  });

  it('leaves the customer out of the logs', async () => {
    const event = await awaitingOrder(newTenant());
    const { output, logs } = await captureOutput(() => deliver(event));
    expect(logs).toContainEqual(
      expect.objectContaining({ message: 'Notification handled', outcome: 'sent' }),
    );
    for (const data of Object.values(CUSTOMER)) expect(output).not.toContain(data);
  });
});

describe('an event delivered again', () => {
  it('is told once however often it comes', async () => {
    const event = await awaitingOrder(newTenant());
    const outcomes = [];
    for (let delivery = 0; delivery < 3; delivery++) outcomes.push(await deliver(event));
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['sent', 'duplicate', 'duplicate']);
    expect(notifier.of(event.detail.eventId)).toHaveLength(1);
  });

  it('is told once when deliveries arrive together, the others coming back until it is sent', async () => {
    const event = await awaitingOrder(newTenant());
    notifier.delayMs = 300;
    const first = await Promise.allSettled(Array.from({ length: 6 }, () => deliver(event)));
    const sent = first.filter((result) => result.status === 'fulfilled' && result.value.outcome === 'sent');
    const refused = first.filter((result) => result.status === 'rejected');
    expect(sent).toHaveLength(1);
    expect(refused.length).toBeGreaterThan(0);
    // A delivery that found the send in flight fails, so EventBridge brings it back later.
    for (const result of refused) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ name: 'NotificationInFlightError' });
    }
    const redelivered = await Promise.all(refused.map(() => deliver(event)));
    expect(redelivered.every((outcome) => outcome.outcome === 'duplicate')).toBe(true);
    expect(notifier.of(event.detail.eventId)).toHaveLength(1);
  });

  it('is sent once by the retry after a failed send', async () => {
    const event = await awaitingOrder(newTenant());
    notifier.failing = true;
    await expect(deliver(event)).rejects.toThrow('the topic is unreachable');
    expect(notifier.sent).toHaveLength(0);

    notifier.failing = false;
    await expect(deliver(event)).resolves.toEqual({ outcome: 'sent' });
    await expect(deliver(event)).resolves.toEqual({ outcome: 'duplicate' });
    expect(notifier.of(event.detail.eventId)).toHaveLength(1);
  });

  it('is sent by the retry when SNS reported the entry failed', async () => {
    const event = await awaitingOrder(newTenant());
    notifier.failingEventIds.add(event.detail.eventId);
    await expect(deliver(event)).rejects.toMatchObject({ name: 'NotificationsFailedError' });

    notifier.failingEventIds.clear();
    await expect(deliver(event)).resolves.toEqual({ outcome: 'sent' });
    expect(notifier.of(event.detail.eventId)).toHaveLength(1);
  });
});

describe('an event the notifier does not take', () => {
  it('is refused when its detail-type is not notified', async () => {
    const event = await awaitingOrder(newTenant());
    await expect(
      handler(eventBridgeEvent({ ...event, detailType: 'Order Allocated' }), lambdaContext('notifier')),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(notifier.sent).toHaveLength(0);
  });

  it('is refused when its detail breaks the contract, and nothing is claimed', async () => {
    const event = await awaitingOrder(newTenant());
    const broken = {
      ...event,
      detail: { ...event.detail, missing: 'all of it' },
    } as unknown as OutgoingEvent;
    await expect(deliver(broken)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { issues: [expect.objectContaining({ path: 'missing' })] },
    });
    await expect(deliver(event)).resolves.toEqual({ outcome: 'sent' });
  });
});
