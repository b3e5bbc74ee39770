import { makeHandler } from '../../../functions/allocator/index.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { INCOMING_SCHEMA_VERSION } from '../../../shared/events/incoming-events.js';
import type { PublishableEvent } from '../../../shared/ports/event-publisher.js';
import { receiveStock } from '../../../shared/use-cases/receive-stock.js';
import { captureOutput } from '../../support/captured-output.js';
import { eventBridgeEvent, sqsBatch, sqsRecord } from '../../support/event-envelopes.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';

const publisher = new InMemoryPublisher();
const allocator = handlerOnOwnTables('allocator', makeHandler, { publisher });

const minute = (n: number) => new Date(Date.UTC(2026, 2, 2, 9, 0) + n * 60_000).toISOString();

const order = (
  orderId: string,
  lines: Array<[sku: string | null, quantity: number]>,
  at = 0,
): IncomingOrder => ({
  orderId,
  warehouseId: 'main',
  channel: 'orders',
  channelOrderId: orderId,
  customer: {},
  createdAt: minute(at),
  lines: lines.map(([sku, quantity], index) => ({ lineId: String(index + 1), sku, quantity })),
});

/** An `Order Received` as the webhook step publishes it. */
const orderReceived = (tenantId: string, input: IncomingOrder): PublishableEvent => ({
  detailType: 'Order Received',
  detail: {
    schemaVersion: INCOMING_SCHEMA_VERSION,
    tenantId,
    eventId: `orders:delivery-${input.orderId}`,
    occurredAt: input.createdAt,
    orderId: input.orderId,
    order: input,
  } as PublishableEvent['detail'],
});

const message = (event: PublishableEvent, messageId?: string) =>
  sqsRecord(JSON.stringify(eventBridgeEvent(event)), messageId);

const stockUp = (tenantId: string, sku: string, quantity: number) =>
  receiveStock(
    allocator.harness.ports,
    tenantId,
    { receiptId: `R-${sku}`, warehouseId: 'main', lines: [{ sku, quantity }] },
    `evt-R-${tenantId}`,
  );

const tenantState = async (tenantId: string) => {
  const state = await allocator.harness.readAll();
  return {
    items: state.items.filter((item) => item.tenantId === tenantId),
    orders: state.orders.filter((stored) => stored.tenantId === tenantId),
    stock: state.stock.filter((level) => level.tenantId === tenantId),
  };
};

const publishedFor = (tenantId: string) =>
  publisher.published.filter((event) => event.detail.tenantId === tenantId);

const POISON_AT = 37;

/** Messages the allocator can never take, each at position `POISON_AT`: they may only fail themselves. */
const POISONS: Array<[string, (tenantId: string) => string]> = [
  [
    'an order with a quantity of zero',
    (tenantId) =>
      JSON.stringify(eventBridgeEvent(orderReceived(tenantId, order('poison', [['HOT', 0]], POISON_AT)))),
  ],
  ['a body that is not JSON', () => '{"version":"0","detail-type":"Order Received","detail":{'],
  [
    'an envelope of another detail-type',
    (tenantId) =>
      JSON.stringify(
        eventBridgeEvent({
          detailType: 'Stock Received',
          detail: {
            tenantId,
            eventId: 'stock-1',
            occurredAt: minute(0),
            receiptId: 'R',
            warehouseId: 'main',
            lines: [],
          } as PublishableEvent['detail'],
        }),
      ),
  ],
  [
    'an order whose lines repeat a line id',
    (tenantId) => {
      const input = order(
        'poison',
        [
          ['HOT', 1],
          ['HOT', 2],
        ],
        POISON_AT,
      );
      input.lines = input.lines.map((line) => ({ ...line, lineId: 'same' }));
      return JSON.stringify(eventBridgeEvent(orderReceived(tenantId, input)));
    },
  ],
];

/** A batch on one hot SKU with the poison message in it, as the queue delivers it. */
const hotBatch = (tenantId: string, size: number, poison: (tenantId: string) => string) => {
  const inputs = Array.from({ length: size }, (_, index) =>
    order(`o-${String(index).padStart(3, '0')}`, [['HOT', (index % 3) + 1]], index),
  );
  const records = inputs.map((input, index) =>
    index === POISON_AT
      ? sqsRecord(poison(tenantId), 'poison-message')
      : message(orderReceived(tenantId, input)),
  );
  return { taken: inputs.filter((_, index) => index !== POISON_AT), batch: sqsBatch(records) };
};

const expectOnlyPoisonFailed = async (batch: ReturnType<typeof sqsBatch>) => {
  const { result, logs } = await captureOutput(() => allocator.handler(batch, lambdaContext('allocator')));
  expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison-message' }] });
  expect(logs).toContainEqual(
    expect.objectContaining({
      level: 'WARN',
      message: 'Unreadable Order Received message',
      messageId: 'poison-message',
    }),
  );
};

it('a batch of 100 Order Received messages on one hot SKU with one poison message fails that message alone', async () => {
  const tenantId = 'hot';
  await stockUp(tenantId, 'HOT', 120);
  const [, poison] = POISONS[0] as (typeof POISONS)[number];
  const { taken, batch } = hotBatch(tenantId, 100, poison);
  await expectOnlyPoisonFailed(batch);

  const state = await tenantState(tenantId);
  expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  expect(state.orders.map((stored) => stored.orderId).sort()).toEqual(taken.map((input) => input.orderId));
  const demand = taken.reduce((sum, input) => sum + (input.lines[0]?.quantity ?? 0), 0);
  expect(state.stock).toEqual([
    expect.objectContaining({ sku: 'HOT', onHand: 120, allocated: Math.min(120, demand) }),
  ]);
  // First come, first served: the allocations are a prefix of the batch in created order.
  const allocated = [...state.orders]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((stored) => stored.lines[0]?.allocated ?? 0);
  const firstShort = allocated.findIndex((units, index) => units < (taken[index]?.lines[0]?.quantity ?? 0));
  expect(firstShort).toBeGreaterThan(0);
  expect(allocated.slice(firstShort + 1).every((units) => units === 0)).toBe(true);

  const events = publishedFor(tenantId);
  expect(new Set(events.map((event) => event.detail.eventId)).size).toBe(events.length);
  expect(events.map((event) => event.detailType).sort()).toEqual(
    state.orders
      .map((stored) => (stored.status === 'ReadyToPick' ? 'Order Allocated' : 'Order Awaiting Stock'))
      .sort(),
  );

  // SQS may deliver the whole batch again: nothing changes, and the poison message fails again.
  const before = { items: (await tenantState(tenantId)).items, published: publisher.published.length };
  await expectOnlyPoisonFailed(batch);
  expect({ items: (await tenantState(tenantId)).items, published: publisher.published.length }).toEqual(
    before,
  );
});

it.each(POISONS.slice(1))('%s fails alone too, and the rest of the batch is taken', async (name, poison) => {
  const tenantId = `poison-${name.replace(/\W+/g, '-')}`;
  await stockUp(tenantId, 'HOT', 3);
  const { taken, batch } = hotBatch(tenantId, POISON_AT + 3, poison);
  await expectOnlyPoisonFailed(batch);
  const state = await tenantState(tenantId);
  expect(state.orders).toHaveLength(taken.length);
  expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
});

it('takes the same message twice in one batch once, failing neither', async () => {
  const tenantId = 'twice';
  const event = orderReceived(tenantId, order('o-1', [['TW', 1]]));
  const result = await allocator.handler(
    sqsBatch([message(event, 'm-1'), message(event, 'm-2')]),
    lambdaContext(),
  );
  expect(result).toEqual({ batchItemFailures: [] });
  const state = await tenantState(tenantId);
  expect(state.orders.map((stored) => [stored.orderId, stored.status])).toEqual([['o-1', 'AwaitingStock']]);
  expect(publishedFor(tenantId).map((published) => published.detailType)).toEqual(['Order Awaiting Stock']);
});

it("commits each tenant's orders under that tenant only", async () => {
  await stockUp('left', 'SHARED', 1);
  const result = await allocator.handler(
    sqsBatch([
      message(orderReceived('left', order('o-1', [['SHARED', 1]]))),
      message(
        orderReceived(
          'right',
          order('o-1', [
            ['SHARED', 1],
            [null, 1],
          ]),
        ),
      ),
    ]),
    lambdaContext(),
  );
  expect(result).toEqual({ batchItemFailures: [] });
  const left = await tenantState('left');
  const right = await tenantState('right');
  expect(left.orders.map((stored) => stored.status)).toEqual(['ReadyToPick']);
  expect(right.orders.map((stored) => stored.status)).toEqual(['AwaitingStock']);
  expect(right.stock.every((level) => level.allocated === 0)).toBe(true);
  expect(findInvariantViolations([...left.stock, ...right.stock], [...left.orders, ...right.orders])).toEqual(
    [],
  );
});
