import type { Decision } from '../../../shared/allocation/decision.js';
import type { PublishableEvent } from '../../../shared/ports/event-publisher.js';
import type { Wiring } from '../../../shared/runtime/adapters.js';
import { publishDecisionEvents, publishPendingOutbox } from '../../../shared/use-cases/publish-events.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { incoming } from '../../support/engine-fixtures.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { wireHarness } from '../../support/wired-harness.js';

let harness: RepositoryHarness;
const publisher = new InMemoryPublisher();
let now = Date.parse('2026-03-02T09:00:00.000Z');
const clock = () => new Date(now).toISOString();
let wiring: Wiring;

beforeAll(async () => {
  harness = await createRepositoryHarness('publish-events', clock);
  wiring = wireHarness(harness, { publisher, clock });
}, 60_000);
afterAll(() => harness.drop());

const orderIdOf = (event: PublishableEvent) => (event.detail as { orderId?: string }).orderId;

const pending = async () => (await harness.readAll()).items.filter((item) => item.outboxPk !== undefined);

const intake = async (tenantId: string, orderId: string): Promise<Decision> => {
  const outcome = await receiveOrder(
    harness.ports,
    tenantId,
    incoming(orderId, [['P', 1]]),
    `evt-${orderId}`,
  );
  if (outcome.kind !== 'accepted') throw new Error(`${orderId} was not taken`);
  return outcome.decision;
};

it('publishes what a committed decision caused and takes exactly its entries off the outbox', async () => {
  const first = await intake('pe-1', 'o-1');
  await intake('pe-1', 'o-2');
  expect(await pending()).toHaveLength(2);

  expect(await publishDecisionEvents(wiring.publishing, [first])).toBe(1);
  expect(publisher.published).toEqual([
    {
      detailType: 'Order Awaiting Stock',
      detail: expect.objectContaining({ orderId: 'o-1', causationId: 'evt-o-1' }),
    },
  ]);
  expect((await pending()).map((item) => item.orderId)).toEqual(['o-2']);
});

it('leaves the entries on the outbox when publishing fails', async () => {
  const decision = await intake('pe-2', 'o-3');
  publisher.failing = true;
  await expect(publishDecisionEvents(wiring.publishing, [decision])).rejects.toThrow('publishing is down');
  publisher.failing = false;
  expect((await pending()).map((item) => item.orderId).sort()).toEqual(['o-2', 'o-3']);
});

it('has the sweep publish only entries older than the grace, a page at a time, each once', async () => {
  const from = publisher.published.length;
  expect((await publishPendingOutbox(wiring.publishing, { graceMs: 60_000, limit: 1 })).published).toBe(0);

  now += 5 * 60_000;
  await intake('pe-3', 'o-4');
  expect((await publishPendingOutbox(wiring.publishing, { graceMs: 60_000, limit: 1 })).published).toBe(1);
  expect((await publishPendingOutbox(wiring.publishing, { graceMs: 60_000, limit: 1 })).published).toBe(1);
  expect((await publishPendingOutbox(wiring.publishing, { graceMs: 60_000, limit: 1 })).published).toBe(0);
  expect(publisher.published.slice(from).map(orderIdOf)).toEqual(['o-2', 'o-3']);

  now += 5 * 60_000;
  expect((await publishPendingOutbox(wiring.publishing, { graceMs: 60_000, limit: 10 })).published).toBe(1);
  expect(await pending()).toEqual([]);
  const ids = publisher.published.map((event) => event.detail.eventId);
  expect(new Set(ids).size).toBe(ids.length);
});

it('takes off the outbox what went when part of a publish failed, and leaves the rest for the sweep', async () => {
  const [went, refused] = [await intake('pe-4', 'o-5'), await intake('pe-4', 'o-6')];
  const refusedId = refused.events[0]?.detail.eventId ?? '';
  publisher.refusing.add(refusedId);
  await expect(publishDecisionEvents(wiring.publishing, [went, refused])).rejects.toMatchObject({
    name: 'PublishFailedError',
    failed: [expect.objectContaining({ eventId: refusedId })],
  });
  publisher.refusing.clear();
  expect((await pending()).map((item) => item.orderId)).toEqual(['o-6']);
  expect(publisher.published.map((event) => event.detail.eventId)).toContain(went.events[0]?.detail.eventId);
  expect(publisher.published.map((event) => event.detail.eventId)).not.toContain(refusedId);
});
