import { orderDetailView } from '../../../shared/api/response-schemas.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';

const TENANT = 'detail-1';
let api: OperatorApi;

beforeAll(async () => {
  api = await createOperatorApi('operator-detail');
  await api.harness.setPolicies(TENANT, { tenant: { onShortage: 'split', mergeSiblings: false } });
  await api.receive(TENANT, 'MUG-1', 3);
  await api.seedOrder(
    TENANT,
    incoming('shop-1', [
      ['MUG-1', 5],
      [null, 1],
    ]),
  );
  await api.receive(TENANT, 'MUG-1', 1);
}, 120_000);
afterAll(() => api.drop());

const detail = async (orderId: string) => {
  const answer = await api.call('GET', `/orders/${encodeURIComponent(orderId)}`, { tenantId: TENANT });
  expect(answer.status).toBe(200);
  return orderDetailView.parse(answer.body);
};

it('shows the parent with its lines, allocations, backorder and ordered history', async () => {
  const view = await detail('shop-1');
  expect(view.order).toMatchObject({
    orderId: 'shop-1',
    status: 'ReadyToPick',
    backorderIds: ['shop-1-BO1'],
    lines: [
      { lineId: '1', sku: 'MUG-1', quantity: 3, allocated: 3, shortfall: 0 },
      { lineId: '2', sku: null, quantity: 1, allocated: 0, shortfall: 0 },
    ],
    allocations: [{ lineId: '1', sku: 'MUG-1', warehouseId: 'main', allocated: 3 }],
  });
  expect(view.family.rootOrderId).toBe('shop-1');
  expect(view.family.parent).toBeNull();
  expect(view.family.backorders.map((order) => [order.orderId, order.status])).toEqual([
    ['shop-1-BO1', 'ReadyToPick'],
  ]);
  expect(view.family.members.map((order) => order.orderId)).toEqual(['shop-1', 'shop-1-BO1', 'shop-1-BO2']);
  expect(view.history.map((entry) => entry.version)).toEqual([1]);
  expect(view.history[0]).toMatchObject({ statusBefore: null, statusAfter: 'ReadyToPick' });
  expect(view.history[0]?.actions).toContain('split');
  expect(view.history[0]?.policy?.sources.onShortage).toBe('tenant');
});

// The backorder, partly served, split again: it sits between its parent and its own backorder.
it('shows a backorder with both sides of its family and its own history, oldest first', async () => {
  const view = await detail('shop-1-BO1');
  expect(view.order).toMatchObject({
    orderId: 'shop-1-BO1',
    parentId: 'shop-1',
    status: 'ReadyToPick',
    backorderIds: ['shop-1-BO2'],
    lines: [{ lineId: '1', sku: 'MUG-1', quantity: 1, allocated: 1, shortfall: 0 }],
  });
  expect(view.family.rootOrderId).toBe('shop-1');
  expect(view.family.parent?.orderId).toBe('shop-1');
  expect(view.family.backorders.map((order) => [order.orderId, order.status])).toEqual([
    ['shop-1-BO2', 'AwaitingStock'],
  ]);
  expect(view.history.map((entry) => entry.version)).toEqual([1, 2]);
  expect(view.history.map((entry) => [entry.statusBefore, entry.statusAfter])).toEqual([
    [null, 'AwaitingStock'],
    ['AwaitingStock', 'ReadyToPick'],
  ]);
  expect(view.history[1]?.linesAfter).toEqual([{ lineId: '1', sku: 'MUG-1', quantity: 1, allocated: 1 }]);
});

it('answers 404 for an order the tenant does not have, and 401 without a key', async () => {
  const missing = await api.call('GET', '/orders/nope', { tenantId: TENANT });
  expect(missing.status).toBe(404);
  expect(missing.body.error).toMatchObject({ code: 'ORDER_NOT_FOUND', details: { orderId: 'nope' } });
  const anonymous = await api.call('GET', '/orders/shop-1', { tenantId: null });
  expect(anonymous.status).toBe(401);
  expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
});

it('reads an order id that needs encoding in the path', async () => {
  await api.seedOrder(TENANT, incoming('a/b c#1', [['CUP', 1]]));
  expect((await detail('a/b c#1')).order.orderId).toBe('a/b c#1');
});
