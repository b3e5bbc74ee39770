/**
 * The notifier tells recipients about the engine's own `Order Change Refused` (a channel cancelled
 * an order already being picked) and the sweep's `Backorder Overdue` events, against DynamoDB Local.
 */
import { makeHandler } from '../../../functions/notifier/index.js';
import type { OutgoingEvent } from '../../../shared/events/outgoing-events.js';
import { cancelFromChannel, startFulfilment } from '../../../shared/use-cases/order-acts.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { receiveStock } from '../../../shared/use-cases/receive-stock.js';
import { runSweep } from '../../../shared/use-cases/run-sweep.js';
import { ensureTenant } from '../../../shared/use-cases/tenants/ensure-tenant.js';
import { incoming } from '../../support/engine-fixtures.js';
import { eventBridgeEvent } from '../../support/event-envelopes.js';
import { lambdaContext } from '../../support/http-events.js';
import { InMemoryNotifier } from '../../support/in-memory-notifier.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { wireHarness } from '../../support/wired-harness.js';

const DAY_MS = 86_400_000;
const START = '2026-11-28T10:00:00.000Z';
let now = START;
const clock = () => now;

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('notifier-refused-overdue', clock);
}, 60_000);
afterAll(() => harness.drop());

const wired = () => {
  const notifier = new InMemoryNotifier();
  const publisher = new InMemoryPublisher();
  const wiring = wireHarness(harness, { publisher, notifier, clock });
  const handler = makeHandler(() => wiring);
  const deliver = (event: OutgoingEvent) => handler(eventBridgeEvent(event), lambdaContext('notifier'));
  return { notifier, publisher, wiring, deliver };
};

const CUSTOMER = { name: 'Grace Hopper' };
const system = (tenantId: string, eventId: string) => ({
  tenantId,
  eventId,
  actor: { kind: 'system' as const, id: 'test' },
});

it('tells of a channel cancellation refused because the order is being picked', async () => {
  const { notifier, deliver } = wired();
  const tenant = 'refused-1';
  await receiveStock(
    harness.ports,
    tenant,
    { receiptId: 'r-1', warehouseId: 'main', lines: [{ sku: 'MUG-1', quantity: 2 }] },
    'evt-r-1',
  );
  await receiveOrder(
    harness.ports,
    tenant,
    incoming('shopify-3001', [['MUG-1', 2]], { channelOrderId: '#3001', customer: CUSTOMER }),
    'evt-3001',
  );
  await startFulfilment(harness.ports, system(tenant, 'evt-pick'), { orderId: 'shopify-3001' });
  const cancelled = await cancelFromChannel(harness.ports, system(tenant, 'evt-cancel'), {
    orderId: 'shopify-3001',
  });
  const refused =
    cancelled.kind === 'applied'
      ? cancelled.decisions
          .flatMap((decision) => decision.events)
          .find((event) => event.detailType === 'Order Change Refused')
      : undefined;
  if (!refused) throw new Error('the engine did not refuse the cancellation');

  await expect(deliver(refused)).resolves.toEqual({ outcome: 'sent' });
  const [notification] = notifier.sent;
  expect(notification?.attributes.eventType).toBe('Order Change Refused');
  expect(notification?.subject).toBe('Order #3001: channel cancellation not applied');
  expect(notification?.message.sms).toBe(
    'Order #3001 for Grace Hopper: channel cancellation not applied, the order kept its lines. Please check.',
  );
  expect(notification?.message.email).toContain('- MUG-1 (line 1): has 2, the channel asks for 0');
});

it('tells of an order the sweep found overdue: its id, the SKUs short and the days waited', async () => {
  const { notifier, publisher, wiring, deliver } = wired();
  const tenant = 'overdue-1';
  now = START;
  await harness.setPolicies(tenant, { tenant: { onShortage: 'holdAll', escalateAfterDays: 5 } });
  await receiveOrder(
    harness.ports,
    tenant,
    incoming('shopify-3002', [['MUG-2', 3]], {
      channelOrderId: '#3002',
      customer: CUSTOMER,
      createdAt: START,
    }),
    'evt-3002',
  );
  await ensureTenant(wiring.directory, {
    tenantId: tenant,
    apiKey: `${tenant}-key-0001`,
    webhookSecrets: { shopify: 's', woocommerce: 'w', orders: 'o' },
  });
  now = new Date(Date.parse(START) + 6 * DAY_MS).toISOString();
  await runSweep(
    { sweep: wiring.sweep, allocation: wiring.allocation, publishing: wiring.publishing },
    { outboxGraceMs: 0, intakeGraceMs: 0, limit: 25 },
  );
  const [overdue] = publisher.ofType('Backorder Overdue');
  if (!overdue) throw new Error('the sweep did not announce the order overdue');

  await expect(deliver(overdue as OutgoingEvent)).resolves.toEqual({ outcome: 'sent' });
  const [notification] = notifier.sent;
  expect(notification?.attributes).toEqual({
    eventType: 'Backorder Overdue',
    tenantId: tenant,
    channel: 'shopify',
    warehouseId: 'main',
  });
  expect(notification?.message.sms).toBe(
    'Order #3002 for Grace Hopper is overdue, waiting 6 days: MUG-2 x3.',
  );
  expect(notification?.message.email).toContain('- MUG-2 × 3, no expected arrival yet');
});
