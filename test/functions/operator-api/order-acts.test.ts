import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { actResultView, dryRunView } from '../../../shared/api/response-schemas.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';
import { historyOf, levelOf, orderOf, tenantState } from '../../support/stored-state.js';

let api: OperatorApi;
let tenants = 0;

/** The tenant's part of the table, with the invariants of DESIGN §4 checked. */
const stateOf = async (tenantId: string) => {
  const state = tenantState(await api.harness.readAll(), tenantId);
  expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  return state;
};

beforeAll(async () => {
  api = await createOperatorApi('operator-acts');
}, 120_000);
afterAll(() => api.drop());

/** A tenant whose arriving stock waits for a person (the manual-review queue). */
const reviewTenant = async (...orders: IncomingOrder[]) => {
  const tenantId = `acts-${++tenants}`;
  await api.harness.setPolicies(tenantId, { tenant: { autoAllocate: false } });
  for (const order of orders) await api.seedOrder(tenantId, order);
  return tenantId;
};

const act = (
  tenantId: string,
  orderId: string,
  name: string,
  body: unknown,
  options: { query?: Record<string, string>; principal?: string; key?: string } = {},
) =>
  api.call('POST', `/orders/${orderId}/${name}`, {
    tenantId,
    body,
    ...(options.query ? { query: options.query } : {}),
    ...(options.principal ? { principal: options.principal } : {}),
    ...(options.key ? { headers: { 'Idempotency-Key': options.key } } : {}),
  });

const lastEntry = async (tenantId: string, orderId: string) =>
  (await stateOf(tenantId)).history.filter((entry) => entry.orderId === orderId).at(-1);

it('allocates by hand, recording the principal and the reason, and publishes what it caused', async () => {
  const tenantId = await reviewTenant(incoming('o-1', [['A', 3]]));
  await api.receive(tenantId, 'A', 2);
  const answer = await act(
    tenantId,
    'o-1',
    'allocate',
    { lines: [{ lineId: '1', quantity: 2 }], reason: 'VIP customer' },
    { principal: 'ops@example.com', key: 'vip-1' },
  );
  expect(answer.status).toBe(200);
  expect(actResultView.parse(answer.body)).toEqual({
    status: 'applied',
    orders: [{ orderId: 'o-1', status: 'AwaitingStock' }],
  });
  const state = await stateOf(tenantId);
  expect(orderOf(state, 'o-1').lines[0]).toMatchObject({ allocated: 2 });
  expect(levelOf(state, 'A')).toEqual([2, 2]);
  const entry = historyOf(state, 'o-1').at(-1);
  expect(entry?.actor).toEqual({ kind: 'person', id: 'ops@example.com' });
  expect(entry?.reasons.join(' ')).toContain('VIP customer');
  expect(
    api.publisher.ofType('Allocation Changed').map((event) => (event.detail as { orderId?: string }).orderId),
  ).toContain('o-1');
});

it('explains a dry run of each act without writing anything', async () => {
  const tenantId = `acts-${++tenants}`;
  await api.seedOrder(tenantId, incoming('d-1', [['D', 3]]));
  await api.seedOrder(tenantId, incoming('d-2', [['D', 2]], { createdAt: '2026-11-28T09:30:00.000Z' }));
  await api.receive(tenantId, 'D', 2);
  const before = await stateOf(tenantId);
  expect(orderOf(before, 'd-1').lines[0]?.allocated).toBe(2);
  const writes = api.writeRequests();
  const published = api.publisher.published.length;
  const dryRun = (name: string, body: unknown) =>
    act(tenantId, 'd-1', name, body, { query: { dryRun: 'true' } });

  const allocate = await dryRun('allocate', { lines: [{ lineId: '1', quantity: 1 }], reason: 'more' });
  expect(allocate.status).toBe(409);
  expect(allocate.body.error.code).toBe('INSUFFICIENT_STOCK');
  for (const [name, statusAfter] of [
    ['hold', 'OnHold'],
    ['split', 'ReadyToPick'],
    ['cancel', 'Cancelled'],
  ] as const) {
    const answer = await dryRun(name, { reason: `try ${name}` });
    expect(answer.status).toBe(200);
    const explained = dryRunView.parse(answer.body);
    expect(explained.orders.find((order) => order.orderId === 'd-1')?.statusAfter).toBe(statusAfter);
    expect(explained.explanation.length).toBeGreaterThan(0);
  }
  const release = dryRunView.parse((await dryRun('release', { reason: 'give it to d-2' })).body);
  expect(release.orders.map((order) => [order.orderId, order.statusAfter])).toEqual([
    ['d-1', 'AwaitingStock'],
    ['d-2', 'ReadyToPick'],
  ]);
  expect(release.stock).toEqual([
    {
      warehouseId: 'main',
      sku: 'D',
      before: { onHand: 2, allocated: 2, available: 0 },
      after: { onHand: 2, allocated: 2, available: 0 },
    },
  ]);
  expect(release.explanation.join('\n')).toContain('d-2');
  expect(release.events.map((event) => event.detailType)).toContain('Backorder Fulfilled');

  expect(api.writeRequests()).toBe(writes);
  expect(api.publisher.published.length).toBe(published);
  expect((await stateOf(tenantId)).items).toEqual(before.items);
  // dryRun=false is the act itself.
  const real = await act(
    tenantId,
    'd-1',
    'release',
    { reason: 'give it to d-2' },
    { query: { dryRun: 'false' } },
  );
  expect(real.body.orders).toEqual([
    { orderId: 'd-1', status: 'AwaitingStock' },
    { orderId: 'd-2', status: 'ReadyToPick' },
  ]);
});

it('holds and unholds, acting as `operator` when the key names no principal', async () => {
  const tenantId = await reviewTenant(incoming('h-1', [['H', 1]]));
  expect((await act(tenantId, 'h-1', 'hold', { reason: 'fraud check' })).body).toEqual({
    status: 'applied',
    orders: [{ orderId: 'h-1', status: 'OnHold' }],
  });
  expect((await lastEntry(tenantId, 'h-1'))?.actor).toEqual({ kind: 'person', id: 'operator' });
  expect((await act(tenantId, 'h-1', 'unhold', { reason: 'cleared' })).body).toEqual({
    status: 'applied',
    orders: [{ orderId: 'h-1', status: 'AwaitingStock' }],
  });
  expect((await lastEntry(tenantId, 'h-1'))?.reasons.join(' ')).toContain('cleared');
});

it('releases, splits and cancels, each with its reason in the history', async () => {
  const tenantId = await reviewTenant(
    incoming('s-1', [['S', 4]]),
    incoming('s-2', [['S', 1]], { createdAt: '2026-11-28T09:30:00.000Z' }),
  );
  await api.receive(tenantId, 'S', 3);
  await act(
    tenantId,
    's-1',
    'allocate',
    { lines: [{ lineId: '1', quantity: 3 }], reason: 'priority' },
    { key: 'priority-1' },
  );

  const split = await act(tenantId, 's-1', 'split', { reason: 'ship the three' });
  expect(split.body.orders).toEqual([
    { orderId: 's-1', status: 'ReadyToPick' },
    { orderId: 's-1-BO1', status: 'AwaitingStock' },
  ]);
  expect(api.publisher.ofType('Order Split').length).toBeGreaterThan(0);

  const released = await act(tenantId, 's-1', 'release', { reason: 'wrong stock' });
  expect(released.status).toBe(200);
  expect(released.body.orders).toContainEqual({ orderId: 's-1', status: 'AwaitingStock' });

  const cancelled = await act(tenantId, 's-1-BO1', 'cancel', { reason: 'customer asked' });
  expect(cancelled.body.orders).toEqual([{ orderId: 's-1-BO1', status: 'Cancelled' }]);
  expect((await lastEntry(tenantId, 's-1-BO1'))?.reasons.join(' ')).toContain('customer asked');
  // Cancelling again changes nothing.
  expect((await act(tenantId, 's-1-BO1', 'cancel', { reason: 'again' })).body).toEqual({
    status: 'applied',
    orders: [],
  });
});

it('refuses an act the status does not allow with 409, and writes nothing', async () => {
  const tenantId = await reviewTenant(incoming('c-1', [['C', 1]]));
  await act(tenantId, 'c-1', 'cancel', { reason: 'gone' });
  const writes = api.writeRequests();
  const answer = await act(tenantId, 'c-1', 'hold', { reason: 'too late' });
  expect(answer.status).toBe(409);
  expect(answer.body.error).toMatchObject({
    code: 'INVALID_TRANSITION',
    details: { orderId: 'c-1', status: 'Cancelled' },
  });
  expect(api.writeRequests()).toBe(writes);
});

it('answers a repeat with the same Idempotency-Key as a duplicate', async () => {
  const tenantId = await reviewTenant(incoming('i-1', [['I', 1]]));
  const first = await act(tenantId, 'i-1', 'release', { reason: 'once' }, { key: 'release-i-1' });
  expect(first.body.status).toBe('applied');
  const second = await act(tenantId, 'i-1', 'release', { reason: 'once' }, { key: 'release-i-1' });
  expect(second.body).toEqual({ status: 'duplicate' });
  expect(historyOf(await stateOf(tenantId), 'i-1')).toHaveLength(2);
});

it('answers a repeat of an act its own result would refuse as a duplicate when the key matches', async () => {
  const tenantId = await reviewTenant(incoming('h-1', [['H', 1]]));
  const first = await act(tenantId, 'h-1', 'hold', { reason: 'check address' }, { key: 'hold-h-1' });
  expect(first.body.status).toBe('applied');
  const writes = api.writeRequests();
  const repeat = await act(tenantId, 'h-1', 'hold', { reason: 'check address' }, { key: 'hold-h-1' });
  expect(repeat.status).toBe(200);
  expect(repeat.body).toEqual({ status: 'duplicate' });
  const otherKey = await act(tenantId, 'h-1', 'hold', { reason: 'check address' }, { key: 'hold-h-1-b' });
  expect(otherKey.status).toBe(409);
  expect(api.writeRequests()).toBe(writes);
  expect(historyOf(await stateOf(tenantId), 'h-1')).toHaveLength(2);
});

it('refuses a manual allocation without an Idempotency-Key, so a client retry cannot allocate twice', async () => {
  const tenantId = await reviewTenant(incoming('k-1', [['K', 4]]));
  await api.receive(tenantId, 'K', 4);
  const body = { lines: [{ lineId: '1', quantity: 1 }], reason: 'one now' };

  const keyless = await act(tenantId, 'k-1', 'allocate', body);
  const first = await act(tenantId, 'k-1', 'allocate', body, { key: 'alloc-1' });
  const retry = await act(tenantId, 'k-1', 'allocate', body, { key: 'alloc-1' });

  expect(keyless.status).toBe(400);
  expect(keyless.body).toEqual({
    error: { code: 'IDEMPOTENCY_KEY_REQUIRED', message: expect.any(String), details: expect.any(Object) },
  });
  expect([first.body.status, retry.body.status]).toEqual(['applied', 'duplicate']);
  expect(orderOf(await stateOf(tenantId), 'k-1').lines[0]).toMatchObject({ allocated: 1 });
});
