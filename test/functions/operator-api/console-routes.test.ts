import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { bulkActView, summaryView } from '../../../shared/api/console-responses.js';
import { MAX_BULK_ORDERS } from '../../../shared/api/console-schemas.js';
import { orderPageView } from '../../../shared/api/response-schemas.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';
import { historyOf, levelOf, orderOf, tenantState } from '../../support/stored-state.js';

let api: OperatorApi;
let tenants = 0;

beforeAll(async () => {
  api = await createOperatorApi('operator-console');
}, 120_000);
afterAll(() => api.drop());

const stateOf = async (tenantId: string) => {
  const state = tenantState(await api.harness.readAll(), tenantId);
  expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  return state;
};

const tenantWith = async (options: { review?: boolean }, ...orders: IncomingOrder[]) => {
  const tenantId = `console-${++tenants}`;
  if (options.review) await api.harness.setPolicies(tenantId, { tenant: { autoAllocate: false } });
  for (const order of orders) await api.seedOrder(tenantId, order);
  return tenantId;
};

const bulk = (tenantId: string, body: unknown, extra: { principal?: string; key?: string } = {}) =>
  api.call('POST', '/orders/acts', {
    tenantId,
    body,
    ...(extra.principal ? { principal: extra.principal } : {}),
    ...(extra.key ? { headers: { 'Idempotency-Key': extra.key } } : {}),
  });

describe('POST /orders/acts', () => {
  it('holds two orders at once, each recorded with who and why', async () => {
    const tenantId = await tenantWith({}, incoming('h-1', [['A', 2]]), incoming('h-2', [['A', 1]]));
    const answer = await bulk(
      tenantId,
      { act: 'hold', orderIds: ['h-1', 'h-2'], reason: 'Customer asked to wait' },
      { principal: 'grace' },
    );
    expect(answer.status).toBe(200);
    const body = bulkActView.parse(answer.body);
    expect(body.counts).toEqual({ applied: 2, refused: 0, duplicate: 0, dryRun: 0 });
    expect(body.results.map((result) => [result.orderId, result.outcome])).toEqual([
      ['h-1', 'applied'],
      ['h-2', 'applied'],
    ]);
    const state = await stateOf(tenantId);
    for (const orderId of ['h-1', 'h-2']) {
      expect(orderOf(state, orderId).status).toBe('OnHold');
      const entry = historyOf(state, orderId).at(-1);
      expect(entry?.actor).toEqual({ kind: 'person', id: 'grace' });
      expect(entry?.reasons.join(' ')).toContain('Customer asked to wait');
    }
  });

  it('allocates each order all it is short, refusing the one stock cannot fill and going on', async () => {
    const tenantId = await tenantWith(
      { review: true },
      incoming('f-1', [['F', 2]]),
      incoming('f-2', [['F', 5]], { createdAt: '2026-11-28T09:10:00.000Z' }),
      incoming('f-3', [['F', 1]], { createdAt: '2026-11-28T09:20:00.000Z' }),
    );
    await api.receive(tenantId, 'F', 4);
    const answer = await bulk(tenantId, {
      act: 'allocate',
      orderIds: ['f-1', 'f-2', 'f-3'],
      reason: 'Morning review',
    });
    const body = bulkActView.parse(answer.body);
    expect(body.results.map((result) => result.outcome)).toEqual(['applied', 'refused', 'applied']);
    const refused = body.results[1];
    expect(refused).toMatchObject({ orderId: 'f-2', status: 409, error: { code: 'INSUFFICIENT_STOCK' } });
    const state = await stateOf(tenantId);
    expect(orderOf(state, 'f-1').status).toBe('ReadyToPick');
    expect(orderOf(state, 'f-2').lines[0]?.allocated).toBe(0);
    expect(orderOf(state, 'f-3').status).toBe('ReadyToPick');
    expect(levelOf(state, 'F')).toEqual([4, 3]);
    const published = api.publisher
      .ofType('Allocation Changed')
      .map((event) => (event.detail as { orderId?: string }).orderId);
    expect(published).toEqual(expect.arrayContaining(['f-1', 'f-3']));
  });

  it('explains a dry run for each order and writes nothing', async () => {
    const tenantId = await tenantWith({}, incoming('d-1', [['D', 2]]), incoming('d-2', [['D', 1]]));
    await api.call('POST', '/orders/d-2/hold', { tenantId, body: { reason: 'wait' } });
    const writes = api.writeRequests();
    const answer = await bulk(tenantId, {
      act: 'cancel',
      orderIds: ['d-1', 'd-2', 'nope'],
      reason: 'Duplicate orders',
      dryRun: true,
    });
    const body = bulkActView.parse(answer.body);
    expect(api.writeRequests()).toBe(writes);
    expect(body.dryRun).toBe(true);
    expect(body.counts).toEqual({ applied: 0, refused: 1, duplicate: 0, dryRun: 2 });
    const first = body.results[0];
    if (first?.outcome !== 'dryRun') throw new Error(`expected a dry run, got ${first?.outcome}`);
    expect(first.orders).toEqual([expect.objectContaining({ orderId: 'd-1', statusAfter: 'Cancelled' })]);
    expect(first.explanation.length).toBeGreaterThan(0);
    expect(body.results[2]).toMatchObject({ outcome: 'refused', error: { code: 'ORDER_NOT_FOUND' } });
  });

  it('answers a repeat of the same request, by its Idempotency-Key, as duplicates', async () => {
    const tenantId = await tenantWith({}, incoming('r-1', [['R', 2]]));
    const request = { act: 'hold', orderIds: ['r-1'], reason: 'Fraud check' };
    expect((await bulk(tenantId, request, { key: 'k-1' })).body.counts.applied).toBe(1);
    const again = bulkActView.parse((await bulk(tenantId, request, { key: 'k-1' })).body);
    expect(again.results).toEqual([{ orderId: 'r-1', outcome: 'duplicate' }]);
    expect(historyOf(await stateOf(tenantId), 'r-1').filter((e) => e.statusAfter === 'OnHold')).toHaveLength(
      1,
    );
  });

  it.each([
    ['too many orders', { orderIds: Array.from({ length: MAX_BULK_ORDERS + 1 }, (_, k) => `o-${k}`) }],
    ['an order twice', { orderIds: ['o-1', 'o-1'] }],
    ['no orders', { orderIds: [] }],
    ['an unknown act', { act: 'ship' }],
    ['no reason', { reason: ' ' }],
  ])('refuses %s with 400 and writes nothing', async (_name, change) => {
    const tenantId = await tenantWith({}, incoming('o-1', [['B', 1]]));
    const writes = api.writeRequests();
    const answer = await bulk(tenantId, { act: 'hold', orderIds: ['o-1'], reason: 'why', ...change });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_INPUT');
    expect(api.writeRequests()).toBe(writes);
  });
});

describe('GET /summary', () => {
  it('counts waiting, fillable and ready orders, units short per SKU and the oldest wait', async () => {
    const tenantId = await tenantWith(
      { review: true },
      incoming('s-1', [
        ['S', 3],
        ['T', 1],
      ]),
      incoming('s-2', [['S', 2]], { createdAt: '2026-11-28T09:30:00.000Z' }),
      incoming('s-3', [['U', 1]], { createdAt: '2026-11-28T09:40:00.000Z', warehouseId: 'north' }),
    );
    await api.receive(tenantId, 'T', 1);
    await api.receive(tenantId, 'V', 1);
    await api.seedOrder(tenantId, incoming('s-4', [['V', 1]], { createdAt: '2026-11-28T09:50:00.000Z' }));
    const answer = await api.call('GET', '/summary', { tenantId });
    expect(answer.status).toBe(200);
    expect(summaryView.parse(answer.body)).toEqual({
      asOf: '2026-11-28T10:00:00.000Z',
      waitingOrders: 3,
      fillableNow: 0,
      readyToPick: 1,
      oldestWaiting: { orderId: 's-1', createdAt: '2026-11-28T09:00:00.000Z', ageSeconds: 3600 },
      shortBySku: [
        { warehouseId: 'main', sku: 'S', units: 5, orders: 2 },
        { warehouseId: 'main', sku: 'T', units: 1, orders: 1 },
        { warehouseId: 'north', sku: 'U', units: 1, orders: 1 },
      ],
    });
    const north = summaryView.parse(
      (await api.call('GET', '/summary', { tenantId, query: { warehouse: 'north' } })).body,
    );
    expect(north).toMatchObject({ warehouseId: 'north', waitingOrders: 1, readyToPick: 0 });
    expect(north.shortBySku).toEqual([{ warehouseId: 'north', sku: 'U', units: 1, orders: 1 }]);
  });

  it('refuses an unknown parameter', async () => {
    const answer = await api.call('GET', '/summary', { query: { warehouses: 'main' } });
    expect(answer.status).toBe(400);
  });
});

describe('queue positions in GET /orders', () => {
  it("places each waiting line in its SKU's queue", async () => {
    const tenantId = await tenantWith(
      {},
      incoming('q-1', [['Q', 1]]),
      incoming(
        'q-2',
        [
          ['Q', 1],
          ['P', 2],
        ],
        { createdAt: '2026-11-28T09:10:00.000Z' },
      ),
      incoming('q-3', [['P', 1]], { createdAt: '2026-11-28T09:20:00.000Z' }),
    );
    const page = orderPageView.parse(
      (await api.call('GET', '/orders', { tenantId, query: { sku: 'P' } })).body,
    );
    expect(
      page.orders.map((order) => [order.orderId, order.lines.map((line) => line.queuePosition)]),
    ).toEqual([
      ['q-2', [2, 1]],
      ['q-3', [2]],
    ]);
  });
});
