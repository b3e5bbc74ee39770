import { makeHandler as makeAllocator } from '../../../functions/allocator/index.js';
import { makeHandler as makeSweep } from '../../../functions/sweep/index.js';
import { makeHandler as makeWebhooks } from '../../../functions/webhooks/index.js';
import type { SweepReport } from '../../../shared/use-cases/run-sweep.js';
import { captureOutput } from '../../support/captured-output.js';
import { queueMessagesOf } from '../../support/event-envelopes.js';
import { lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { signedWebhook, webhookTenant } from '../../support/webhook-requests.js';
import { wireHarness } from '../../support/wired-harness.js';

/**
 * Liveness of intake: an order the webhook accepted and published, whose `Order Received` never
 * reached the allocator (dropped, or dead-lettered after its retries), is found by the sweep once
 * its grace has passed, through the sparse index its inbox item is listed on, counted (the metric
 * the alarm watches) and published again, until a decision has consumed it.
 */
let harness: RepositoryHarness;
const publisher = new InMemoryPublisher();
let now = Date.parse('2026-03-02T09:00:00.000Z');
const tenant = webhookTenant('intake');
let handlers: {
  webhooks: ReturnType<typeof makeWebhooks>;
  allocator: ReturnType<typeof makeAllocator>;
  sweep: ReturnType<typeof makeSweep>;
};

beforeAll(async () => {
  harness = await createRepositoryHarness('sweep-intake');
  const wiring = wireHarness(harness, { publisher, clock: () => new Date(now).toISOString() });
  await wiring.directory.saveTenant(tenant);
  const wired = () => wiring;
  handlers = { webhooks: makeWebhooks(wired), allocator: makeAllocator(wired), sweep: makeSweep(wired) };
}, 60_000);
afterAll(() => harness.drop());

/** The sweep's grace for intake (INTAKE_GRACE_SECONDS, 45 minutes by default), and a minute. */
const pastTheGrace = () => {
  now += 46 * 60_000;
};

const sweep = async (): Promise<SweepReport> =>
  (await captureOutput(() => handlers.sweep({}, lambdaContext('sweep')))).result as SweepReport;

const webhook = async (orderId: string) => {
  const body = JSON.stringify({
    type: 'order.created',
    orderId,
    createdAt: '2026-03-02T08:55:00Z',
    lines: [{ lineId: '1', sku: 'I-1', quantity: 1 }],
  });
  const { result } = await captureOutput(() =>
    handlers.webhooks(signedWebhook(tenant, 'orders', body), lambdaContext('webhooks')),
  );
  expect(result.statusCode).toBe(200);
};

const receivedFor = (orderId: string) =>
  publisher
    .ofType('Order Received')
    .filter((event) => (event.detail as { orderId?: string }).orderId === orderId);

const allocate = async (orderId: string) => {
  const { result } = await captureOutput(() =>
    handlers.allocator(queueMessagesOf(receivedFor(orderId).slice(-1)), lambdaContext('allocator')),
  );
  expect(result).toEqual({ batchItemFailures: [] });
};

const orderIds = async () => (await harness.readAll()).orders.map((order) => order.orderId).sort();

it('decides, after a sweep, an Order Received that never reached the allocator', async () => {
  await webhook('LOST-1');
  // Handed over to the bus, then lost on its way to the allocator: nothing decides it.
  expect(receivedFor('orders-LOST-1')).toHaveLength(1);
  expect(await orderIds()).toEqual([]);

  // Within the grace, the allocator's own retries may still bring it: the sweep leaves it be.
  expect(await sweep()).toMatchObject({ intakeUndecided: 0, errors: 0 });
  expect(receivedFor('orders-LOST-1')).toHaveLength(1);

  pastTheGrace();
  expect(await sweep()).toMatchObject({ intakeUndecided: 1, errors: 0 });
  const [first, again] = receivedFor('orders-LOST-1');
  expect(again?.detail.eventId).toBe(first?.detail.eventId);

  await allocate('orders-LOST-1');
  expect(await orderIds()).toEqual(['orders-LOST-1']);

  // Decided: the next sweep past the grace finds nothing, and never publishes it again.
  pastTheGrace();
  expect(await sweep()).toMatchObject({ intakeUndecided: 0, errors: 0 });
  pastTheGrace();
  expect(await sweep()).toMatchObject({ intakeUndecided: 0, errors: 0 });
  expect(receivedFor('orders-LOST-1')).toHaveLength(2);
});

it('leaves an order decided in time alone, and reads no more than its index', async () => {
  await webhook('ON-TIME-1');
  await allocate('orders-ON-TIME-1');
  pastTheGrace();
  harness.resetTally();
  expect(await sweep()).toMatchObject({ intakeUndecided: 0, errors: 0 });
  expect(receivedFor('orders-ON-TIME-1')).toHaveLength(1);
  expect(harness.tally.byOperation.Scan ?? 0).toBe(0);
  // Taken off the index once seen decided: later sweeps do not read it again.
  const inbox = (await harness.readAll()).items.filter((item) => item.entity === 'inbox');
  expect(inbox.map((item) => item.timerPk)).toEqual([undefined, undefined]);
});
