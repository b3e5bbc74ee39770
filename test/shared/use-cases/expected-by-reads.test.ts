import type { SaleOrder } from '../../../shared/domain/order.js';
import { promiseKey } from '../../../shared/promises/expected-dates.js';
import { expectedDatesOf, PROMISE_PAGE_SIZE } from '../../../shared/use-cases/expected-by.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';

const TENANT = 'promise-reads';
const BACKLOG = 80;
let api: OperatorApi;
let orders: SaleOrder[];

beforeAll(async () => {
  api = await createOperatorApi('promise-reads');
  for (let n = 0; n < BACKLOG; n++) {
    await api.seedOrder(
      TENANT,
      incoming(`o-${String(n).padStart(3, '0')}`, [['A', 1]], {
        createdAt: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
      }),
    );
  }
  orders = (await api.harness.readAll()).orders.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}, 300_000);
afterAll(() => api.drop());

const datesOf = async (asked: SaleOrder[]) => {
  api.harness.resetTally();
  const dates = await expectedDatesOf(api.harness.repository, TENANT, asked);
  return {
    dates: asked.map((order) => dates.get(promiseKey('main', 'A', order.orderId))?.expectedBy),
    tally: { ...api.harness.tally, byOperation: { ...api.harness.tally.byOperation } },
  };
};

it(`reads the queue only while supply lasts: ${BACKLOG} waiting, 2 units due`, async () => {
  await api.harness.addInbound({
    tenantId: TENANT,
    inboundId: 'PO-1',
    warehouseId: 'main',
    sku: 'A',
    quantity: 2,
    eta: '2026-12-03T00:00:00.000Z',
  });
  const last = orders.at(-1) as SaleOrder;
  const { dates, tally } = await datesOf([orders[1] as SaleOrder, last]);
  expect(dates).toEqual(['2026-12-03T00:00:00.000Z', null]);
  // One Query of the inbound lines, one page of the queue (its Query: the order items stand in it
  // themselves): not the backlog. (The policies come from the repository's cache, or one GetItem.)
  expect(tally.byOperation).toMatchObject({ Query: 2 });
  expect(tally.byOperation).not.toHaveProperty('BatchGetItem');
  expect(tally.itemsRead).toBeLessThanOrEqual(1 + 1 + PROMISE_PAGE_SIZE);
  expect(PROMISE_PAGE_SIZE).toBeLessThan(BACKLOG);
});

it('reads no queue at all when no open supply is expected', async () => {
  await api.harness.addInbound({
    tenantId: TENANT,
    inboundId: 'PO-1',
    warehouseId: 'main',
    sku: 'A',
    quantity: 0,
    eta: '2026-12-03T00:00:00.000Z',
  });
  const { dates, tally } = await datesOf([orders[0] as SaleOrder]);
  expect(dates).toEqual([null]);
  expect(tally.byOperation).toEqual({ GetItem: 1, Query: 1 });
});
