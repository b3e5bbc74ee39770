import { makeHandler as makeAllocator } from '../../../functions/allocator/index.js';
import { makeHandler as makeEvents } from '../../../functions/events/index.js';
import { makeHandler as makeSweep } from '../../../functions/sweep/index.js';
import { makeHandler as makeWarehouseApi } from '../../../functions/warehouse-api/index.js';
import { makeHandler as makeWebhooks } from '../../../functions/webhooks/index.js';
import { outboxEventsOf } from '../../../shared/adapters/dynamodb/history-records.js';
import type { Item } from '../../../shared/adapters/dynamodb/items.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { INCOMING_SCHEMA_VERSION } from '../../../shared/events/incoming-events.js';
import type { PublishableEvent } from '../../../shared/ports/event-publisher.js';
import type { SweepReport } from '../../../shared/use-cases/run-sweep.js';
import { fixtureText, SHOPIFY_DEVSTORE } from '../../shared/channels/webhook-fixtures.js';
import { captureOutput } from '../../support/captured-output.js';
import { eventBridgeEvent, queueMessagesOf } from '../../support/event-envelopes.js';
import { httpEvent, lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { signedWebhook, webhookTenant } from '../../support/webhook-requests.js';
import { wireHarness } from '../../support/wired-harness.js';

/**
 * Crashes between commit and publish: every handler writes its change and its events together,
 * then publishing fails (the in-memory publisher's `failing` switch). The scheduled sweep must
 * then publish every event that was written, none lost and none twice.
 */
let harness: RepositoryHarness;
const publisher = new InMemoryPublisher();
let now = Date.parse('2026-03-02T09:00:00.000Z');
const tenant = webhookTenant('crash');
let handlers: {
  webhooks: ReturnType<typeof makeWebhooks>;
  allocator: ReturnType<typeof makeAllocator>;
  events: ReturnType<typeof makeEvents>;
  warehouse: ReturnType<typeof makeWarehouseApi>;
  sweep: ReturnType<typeof makeSweep>;
};

beforeAll(async () => {
  harness = await createRepositoryHarness('sweep-crash');
  const wiring = wireHarness(harness, { publisher, clock: () => new Date(now).toISOString() });
  await wiring.directory.saveTenant(tenant);
  const wired = () => wiring;
  handlers = {
    webhooks: makeWebhooks(wired),
    allocator: makeAllocator(wired),
    events: makeEvents(wired),
    warehouse: makeWarehouseApi(wired),
    sweep: makeSweep(wired),
  };
}, 60_000);
afterAll(() => harness.drop());

/** Past the grace the sweep gives a writer to publish its own events. */
const laterByMinutes = (minutes: number) => {
  now += minutes * 60_000;
};

const sweep = async (): Promise<SweepReport> =>
  (await captureOutput(() => handlers.sweep({}, lambdaContext('sweep')))).result as SweepReport;

const GENERIC = JSON.stringify({
  type: 'order.created',
  orderId: 'CRASH-1',
  createdAt: '2026-03-02T08:55:00Z',
  lines: [{ lineId: '1', sku: 'C-1', quantity: 2 }],
});

/**
 * Every event the table says was caused, wherever it was written: history entries (on their order
 * item while they are its latest, else on their own history item) and inbox items.
 */
const writtenEvents = (items: Item[]): PublishableEvent[] =>
  items.flatMap((item) =>
    item.entity === 'order' || item.entity === 'history' || item.entity === 'inbox'
      ? outboxEventsOf(item)
      : [],
  );

const pendingOutbox = (items: Item[]) => items.filter((item) => item.outboxPk !== undefined);

it('publishes every event written while publishing was down, each exactly once', async () => {
  publisher.failing = true;

  // Webhooks: the incoming events wait in their inbox items.
  for (const [channel, body] of [
    ['orders', GENERIC],
    ['shopify', fixtureText(SHOPIFY_DEVSTORE)],
  ] as const) {
    const { result, logs } = await captureOutput(() =>
      handlers.webhooks(signedWebhook(tenant, channel, body), lambdaContext('webhooks')),
    );
    expect(result.statusCode).toBe(200);
    expect(logs).toContainEqual(expect.objectContaining({ message: 'Webhook accepted', published: false }));
  }
  expect(pendingOutbox((await harness.readAll()).items)).toHaveLength(2);

  // A sweep while publishing is still down publishes nothing and loses nothing.
  laterByMinutes(2);
  expect(await sweep()).toMatchObject({ eventsPublished: 0, errors: 1 });
  expect(publisher.published).toEqual([]);

  publisher.failing = false;
  expect(await sweep()).toMatchObject({ eventsPublished: 2, errors: 0 });
  const received = publisher.ofType('Order Received');
  expect(received.map((event) => (event.detail as { orderId?: string }).orderId).sort()).toEqual([
    'orders-CRASH-1',
    'shopify-5324830114101',
  ]);

  // The allocator commits both orders; their events wait in the outbox.
  publisher.failing = true;
  const allocated = await captureOutput(() =>
    handlers.allocator(queueMessagesOf(received), lambdaContext('allocator')),
  );
  expect(allocated.result).toEqual({ batchItemFailures: [] });
  expect(allocated.logs).toContainEqual(
    expect.objectContaining({ message: 'Publishing deferred to the sweep' }),
  );

  // The events handler commits and answers: a throw would gain nothing, as EventBridge's retry is a
  // duplicate that publishes nothing. The events wait in the outbox.
  const receipt = eventBridgeEvent({
    detailType: 'Stock Received',
    detail: {
      schemaVersion: INCOMING_SCHEMA_VERSION,
      tenantId: tenant.tenantId,
      eventId: 'wms-receipt-1',
      occurredAt: new Date(now).toISOString(),
      receiptId: 'R-C1',
      warehouseId: 'main',
      lines: [{ sku: 'C-1', quantity: 2 }],
    } as PublishableEvent['detail'],
  });
  const applied = await captureOutput(() => handlers.events(receipt, lambdaContext('events')));
  expect(applied.result).toEqual({ outcome: 'applied' });
  expect(applied.logs).toContainEqual(
    expect.objectContaining({ message: 'Publishing deferred to the sweep' }),
  );
  expect((await captureOutput(() => handlers.events(receipt, lambdaContext('events')))).result).toEqual({
    outcome: 'duplicate',
  });

  // The warehouse API answers once the change is committed, whatever publishing does.
  const response = await captureOutput(() =>
    handlers.warehouse(
      httpEvent('POST', '/stock/receipts', {
        tenantId: tenant.tenantId,
        body: JSON.stringify({
          receiptId: 'R-H1',
          warehouseId: 'main',
          lines: [{ sku: 'sku-hosted-1', quantity: 1 }],
        }),
      }),
      lambdaContext('warehouse-api'),
    ),
  );
  expect(response.result.statusCode).toBe(200);

  const crashed = await harness.readAll();
  expect(findInvariantViolations(crashed.stock, crashed.orders)).toEqual([]);
  expect(crashed.orders.map((order) => [order.orderId, order.status]).sort()).toEqual([
    ['orders-CRASH-1', 'ReadyToPick'],
    ['shopify-5324830114101', 'ReadyToPick'],
  ]);
  const unpublished = pendingOutbox(crashed.items);
  expect(unpublished.length).toBeGreaterThanOrEqual(4);

  // Publishing is back: within its grace nothing moves; after it, the sweep publishes the rest.
  publisher.failing = false;
  const beforeGrace = publisher.published.length;
  expect(await sweep()).toMatchObject({ eventsPublished: 0 });
  expect(publisher.published.length).toBe(beforeGrace);

  laterByMinutes(2);
  const report = await sweep();
  expect(report).toMatchObject({ errors: 0 });
  expect(await sweep()).toMatchObject({ eventsPublished: 0, errors: 0 });

  const state = await harness.readAll();
  expect(pendingOutbox(state.items)).toEqual([]);
  const written = writtenEvents(state.items).map((event) => `${event.detailType}:${event.detail.eventId}`);
  const published = publisher.published.map((event) => `${event.detailType}:${event.detail.eventId}`);
  expect(new Set(published).size).toBe(published.length);
  expect([...published].sort()).toEqual([...written].sort());
  expect(report.eventsPublished).toBe(published.length - received.length);
  expect(published.filter((event) => !event.startsWith('Order Received')).length).toBeGreaterThanOrEqual(4);
});
