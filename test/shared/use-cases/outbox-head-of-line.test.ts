/**
 * No head-of-line blocking in the outbox (DESIGN §11): the sweep publishes through the real
 * EventBridge publisher to the local PutEvents endpoint, which refuses what EventBridge refuses
 * (more than 256 KB of entries in a call). An event that can never be published is set aside,
 * kept and listed, and everything else goes on; calls are sized to fit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { compileEventPattern } from '../../../infra/local/event-pattern/index.js';
import { type AwsEndpoints, startAwsEndpoints } from '../../../infra/local/runtime/aws-endpoints.js';
import { type EventEnvelope, LocalEventBus } from '../../../infra/local/runtime/event-bus.js';
import { Outbox } from '../../../infra/local/runtime/outbox.js';
import { localClientConfig } from '../../../infra/local/runtime/runtime-wiring.js';
import { TopicDelivery } from '../../../infra/local/runtime/topic-delivery.js';
import { EventBridgePublisher } from '../../../shared/adapters/eventbridge/eventbridge-publisher.js';
import type { PublishableEvent } from '../../../shared/ports/event-publisher.js';
import type { Wiring } from '../../../shared/runtime/adapters.js';
import { publishPendingOutbox } from '../../../shared/use-cases/publish-events.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { wireHarness } from '../../support/wired-harness.js';

const BUS = 'outbox-bus';
const delivered: EventEnvelope[] = [];
let harness: RepositoryHarness;
let endpoints: AwsEndpoints;
let client: EventBridgeClient;
let outboxDir: string;
let wiring: Wiring;
let now = Date.parse('2026-03-02T09:00:00.000Z');
const clock = () => new Date(now).toISOString();

beforeAll(async () => {
  harness = await createRepositoryHarness('outbox-head-of-line', clock);
  outboxDir = mkdtempSync(join(tmpdir(), 'outbox-head-of-line-'));
  const rules = [
    {
      logicalId: 'Everything',
      busName: BUS,
      pattern: compileEventPattern({ source: ['backorder.service'] }),
      targets: [{ kind: 'lambda' as const, id: 'T', function: 'notifier' as const, retryAttempts: 0 }],
    },
  ];
  const targets = {
    invokeAsync: async (_: string, event: EventEnvelope) => {
      delivered.push(event);
    },
    sendToQueue: async () => {},
  };
  endpoints = await startAwsEndpoints(
    new Map([[BUS, new LocalEventBus(BUS, rules, targets)]]),
    new TopicDelivery(new Map(), new Outbox(outboxDir), () => {}),
    () => {},
  );
  client = new EventBridgeClient(localClientConfig(endpoints.url));
  wiring = wireHarness(harness, { publisher: new EventBridgePublisher(client, BUS), clock });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await endpoints?.close();
  rmSync(outboxDir, { recursive: true, force: true });
  await harness?.drop();
});

/**
 * An accepted channel change of about `kb` KB, as a webhook stores it in the inbox: on the outbox
 * until published.
 */
const accept = async (
  tenantId: string,
  orderId: string,
  kb: number,
  at: string,
): Promise<PublishableEvent> => {
  const event = {
    detailType: 'Order Updated',
    detail: { eventId: `evt-${orderId}`, tenantId, occurredAt: at, orderId, note: 'x'.repeat(kb * 1024) },
  };
  expect(await wiring.webhooks.inbox.accept(tenantId, orderId, event)).toBe('accepted');
  return event;
};

const deliveredIds = () => delivered.map((event) => (event.detail as { eventId: string }).eventId);
const pending = async () =>
  (await harness.readAll()).items.filter((item) => String(item.outboxPk ?? '').match(/^OUTBOX#\d+$/));
const sweep = () => publishPendingOutbox(wiring.publishing, { graceMs: 60_000, limit: 50 });

it('publishes the events behind a ~300 KB one, and sets that one aside, kept and listed', async () => {
  delivered.length = 0;
  await accept('tenant-big', 'big', 300, '2026-03-02T08:00:00.000Z');
  await accept('tenant-a', 'a-1', 1, '2026-03-02T08:00:01.000Z');
  await accept('tenant-b', 'b-1', 1, '2026-03-02T08:00:02.000Z');
  await accept('tenant-a', 'a-2', 1, '2026-03-02T08:00:03.000Z');

  const first = await sweep();
  expect(deliveredIds().sort()).toEqual(['evt-a-1', 'evt-a-2', 'evt-b-1']);
  expect(first.published).toBe(3);
  expect(first.setAside).toEqual([
    {
      ref: { tenantId: 'tenant-big', orderId: 'big', slot: 'in:evt-big' },
      eventIds: ['evt-big'],
      reason: expect.stringMatching(/256 KB/),
    },
  ]);
  expect(await pending()).toEqual([]);

  // Kept as written, and listed for operators until someone deals with it.
  const [aside] = await wiring.outbox.listSetAside(10);
  expect(aside).toMatchObject({ ref: { tenantId: 'tenant-big', orderId: 'big', slot: 'in:evt-big' } });
  expect(aside?.events[0]?.detail.eventId).toBe('evt-big');

  // The next sweep neither publishes anything again nor retries what can never go.
  const second = await sweep();
  expect(second).toEqual({ published: 0, setAside: [], left: 0 });
  expect(deliveredIds()).toHaveLength(3);
});

it('splits ten large events into calls that fit, and publishes every one', async () => {
  delivered.length = 0;
  now += 20 * 60_000;
  for (let index = 0; index < 10; index++)
    await accept(`tenant-${index % 3}`, `large-${index}`, 40, `2026-03-02T09:0${index}:00.000Z`);

  const result = await sweep();
  expect(result).toEqual({ published: 10, setAside: [], left: 0 });
  expect(deliveredIds().sort()).toEqual(
    Array.from({ length: 10 }, (_, index) => `evt-large-${index}`).sort(),
  );
  expect(await pending()).toEqual([]);
});
