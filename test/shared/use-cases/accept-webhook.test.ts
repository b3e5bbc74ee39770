import type { ChannelOrderMessage } from '../../../shared/channels/channel-message.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { Wiring } from '../../../shared/runtime/adapters.js';
import { acceptWebhook } from '../../../shared/use-cases/accept-webhook.js';
import { publishPendingOutbox } from '../../../shared/use-cases/publish-events.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { wireHarness } from '../../support/wired-harness.js';

let harness: RepositoryHarness;
const publisher = new InMemoryPublisher();
let now = Date.parse('2026-03-02T09:00:00.000Z');
let wiring: Wiring;

beforeAll(async () => {
  harness = await createRepositoryHarness('accept-webhook');
  wiring = wireHarness(harness, { publisher, clock: () => new Date(now).toISOString() });
}, 60_000);
afterAll(() => harness.drop());
afterEach(() => {
  publisher.failing = false;
});

const order = (orderId: string): IncomingOrder => ({
  orderId,
  warehouseId: 'main',
  channel: 'shop',
  channelOrderId: orderId.replace('shop-', ''),
  customer: { name: 'Ada Lovelace', email: 'ada@example.org', phone: '+44 20 7946 0000' },
  createdAt: '2026-03-02T08:00:00.000Z',
  lines: [
    { lineId: '1', sku: 'A', quantity: 2 },
    { lineId: '2', sku: null, quantity: 1, title: 'Gift card' },
  ],
  notes: [],
});

const message = (
  kind: ChannelOrderMessage['kind'],
  orderId: string,
  deliveryId: string,
  extra: Partial<ChannelOrderMessage> = {},
): ChannelOrderMessage => ({ kind, order: order(orderId), deliveryId, ...extra });

const inboxItems = async (orderId: string) =>
  (await harness.readAll()).items.filter((item) => item.entity === 'inbox' && item.orderId === orderId);

it('stores a new order as an Order Received event and publishes it: one write, nothing to take off after', async () => {
  harness.resetTally();
  const outcome = await acceptWebhook(wiring.webhooks, 't1', message('received', 'shop-1', 'd-1'));
  expect(outcome).toEqual({ kind: 'accepted', orderId: 'shop-1', eventId: 'shop:d-1', published: true });
  const event = {
    detailType: 'Order Received',
    detail: {
      schemaVersion: 1,
      tenantId: 't1',
      eventId: 'shop:d-1',
      occurredAt: '2026-03-02T09:00:00.000Z',
      orderId: 'shop-1',
      order: order('shop-1'),
    },
  };
  expect(publisher.published).toEqual([event]);
  // The intake listing, which the sweep takes off once it sees the order decided, is its liveness.
  expect(harness.tally.byOperation).toEqual({ PutItem: 1 });
  const [inbox] = await inboxItems('shop-1');
  expect(inbox).toMatchObject({ events: [event], timerPk: expect.stringMatching(/^INTAKE#/) });
  expect(inbox).not.toHaveProperty('outboxPk');
});

it('publishes a repeated delivery again while its order is undecided: its first attempt may have died before publishing', async () => {
  const before = { items: (await harness.readAll()).items, published: publisher.published.length };
  const outcome = await acceptWebhook(wiring.webhooks, 't1', message('received', 'shop-1', 'd-1'));
  expect(outcome).toEqual({ kind: 'duplicate', orderId: 'shop-1', eventId: 'shop:d-1', published: true });
  // The same event again (consumers drop repeats by its id); nothing is written.
  expect(publisher.published.slice(before.published)).toEqual([publisher.published[0]]);
  expect((await harness.readAll()).items).toEqual(before.items);
});

it('answers a repeated delivery of a decided order as a duplicate, publishing nothing', async () => {
  await receiveOrders(wiring.allocation, 't1', [{ input: order('shop-1'), eventId: 'shop:d-1' }]);
  const before = { items: (await harness.readAll()).items, published: publisher.published.length };
  const outcome = await acceptWebhook(wiring.webhooks, 't1', message('received', 'shop-1', 'd-1'));
  expect(outcome).toEqual({ kind: 'duplicate', orderId: 'shop-1', eventId: 'shop:d-1', published: false });
  expect({ items: (await harness.readAll()).items, published: publisher.published.length }).toEqual(before);
});

it('carries only the lines on an update and only the reason on a cancellation', async () => {
  await acceptWebhook(wiring.webhooks, 't1', message('updated', 'shop-1', 'd-2'));
  await acceptWebhook(
    wiring.webhooks,
    't1',
    message('cancelled', 'shop-1', 'd-3', { cancelReason: 'customer' }),
  );
  const [updated, cancelled] = publisher.published.slice(-2);
  expect(updated).toEqual({
    detailType: 'Order Updated',
    detail: expect.objectContaining({ eventId: 'shop:d-2', orderId: 'shop-1', lines: order('shop-1').lines }),
  });
  expect(updated?.detail).not.toHaveProperty('order');
  expect(cancelled).toEqual({
    detailType: 'Order Cancelled',
    detail: expect.objectContaining({ eventId: 'shop:d-3', orderId: 'shop-1', reason: 'customer' }),
  });
  expect(JSON.stringify(cancelled)).not.toContain('ada@example.org');
});

it('accepts the webhook when publishing fails; the sweep publishes it after the grace, once', async () => {
  publisher.failing = true;
  const outcome = await acceptWebhook(wiring.webhooks, 't1', message('received', 'shop-2', 'd-4'));
  expect(outcome).toMatchObject({ kind: 'accepted', published: false });
  const [inbox] = await inboxItems('shop-2');
  expect(inbox).toHaveProperty('outboxPk');
  publisher.failing = false;

  const ports = wiring.publishing;
  expect((await publishPendingOutbox(ports, { graceMs: 60_000, limit: 10 })).published).toBe(0);
  now += 61_000;
  const from = publisher.published.length;
  expect((await publishPendingOutbox(ports, { graceMs: 60_000, limit: 10 })).published).toBe(1);
  expect(publisher.published.slice(from)).toEqual([
    {
      detailType: 'Order Received',
      detail: expect.objectContaining({ eventId: 'shop:d-4', orderId: 'shop-2' }),
    },
  ]);
  expect((await publishPendingOutbox(ports, { graceMs: 60_000, limit: 10 })).published).toBe(0);
  expect(await inboxItems('shop-2')).toEqual([expect.not.objectContaining({ outboxPk: expect.anything() })]);
});

it('keeps tenants apart: the same delivery to another tenant is its own event', async () => {
  const outcome = await acceptWebhook(wiring.webhooks, 't2', message('received', 'shop-1', 'd-1'));
  expect(outcome).toMatchObject({ kind: 'accepted', published: true });
  expect(publisher.published.at(-1)?.detail.tenantId).toBe('t2');
});
