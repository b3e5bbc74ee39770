import { DynamoDbOperatorQueries } from '../../../../shared/adapters/dynamodb/dynamodb-operator-queries.js';
import { AWS_LIMITS, jsonBytes, LIMITS } from '../../../../shared/limits.js';
import type { OrderListQuery } from '../../../../shared/ports/operator-queries.js';
import { receiveOrder } from '../../../../shared/use-cases/receive-order.js';
import { incoming } from '../../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';

const TENANT = 'oq-1';
let harness: RepositoryHarness;

beforeAll(async () => {
  harness = await createRepositoryHarness('operator-queries');
  // Thirty orders of channel `web`, then three of `erp` at the end of the queue.
  for (let k = 1; k <= 33; k++) {
    const minute = String(k).padStart(2, '0');
    await receiveOrder(
      harness.ports,
      TENANT,
      incoming(`q-${minute}`, [['A', 1]], {
        channel: k > 30 ? 'erp' : 'web',
        createdAt: `2026-11-01T09:${minute}:00.000Z`,
      }),
      `e-${k}`,
    );
  }
}, 120_000);
afterAll(() => harness.drop());

const queries = (options: { readBudget?: number; filteredPageSize?: number; pageBytes?: number } = {}) =>
  new DynamoDbOperatorQueries({
    client: harness.tables.client,
    tableName: harness.tables.tableName,
    cursorSecret: 'test',
    ...options,
  });

const query = (extra: Partial<OrderListQuery> = {}): OrderListQuery => ({
  tenantId: TENANT,
  status: 'AwaitingStock',
  filters: {},
  newestFirst: false,
  limit: 5,
  ...extra,
});

it('answers a short page with a cursor when the read budget runs out, and loses nothing', async () => {
  const limited = queries({ readBudget: 10, filteredPageSize: 5 });
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await limited.listOrders(
      query({ filters: { channel: 'erp' }, ...(cursor ? { cursor } : {}) }),
    );
    pages.push(page.orders.map((order) => order.orderId));
    cursor = page.cursor;
  } while (cursor);
  expect(pages.slice(0, 3)).toEqual([[], [], []]);
  expect(pages.flat()).toEqual(['q-31', 'q-32', 'q-33']);
});

it('fills a page from several Query pages when filters discard most of them', async () => {
  const page = await queries({ filteredPageSize: 4 }).listOrders(
    query({ filters: { channel: 'erp' }, limit: 2 }),
  );
  expect(page.orders.map((order) => order.orderId)).toEqual(['q-31', 'q-32']);
  expect(page.cursor).toEqual(expect.any(String));
});

it('ends a page before its orders pass the byte budget, and the cursor loses nothing', async () => {
  const oneOrder = jsonBytes((await queries().listOrders(query({ limit: 1 }))).orders[0]);
  const bounded = queries({ pageBytes: oneOrder * 2.5 });
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await bounded.listOrders(query({ limit: 10, ...(cursor ? { cursor } : {}) }));
    expect(jsonBytes(page.orders)).toBeLessThanOrEqual(oneOrder * 2.5);
    pages.push(page.orders.map((order) => order.orderId));
    cursor = page.cursor;
  } while (cursor);
  expect(pages[0]).toHaveLength(2);
  expect(pages.flat()).toEqual(Array.from({ length: 33 }, (_, i) => `q-${String(i + 1).padStart(2, '0')}`));
});

it(`keeps pages under ${LIMITS.pageBytes} bytes by default`, () => {
  expect(LIMITS.pageBytes).toBeLessThan(AWS_LIMITS.lambdaPayloadBytes);
});

it('gives no cursor when the last page ends the list exactly', async () => {
  const first = await queries().listOrders(query({ limit: 30, filters: { channel: 'web' } }));
  expect(first.orders).toHaveLength(30);
  expect(first.cursor).toBeUndefined();
  const unfiltered = await queries().listOrders(query({ limit: 33 }));
  expect(unfiltered.orders).toHaveLength(33);
  expect(unfiltered.cursor).toBeUndefined();
});

it('reads only through the index, never a scan', async () => {
  const before = harness.tally.byOperation.Scan ?? 0;
  await queries().listOrders(query({ filters: { sku: 'A', customer: 'ada' } }));
  expect(harness.tally.byOperation.Scan ?? 0).toBe(before);
});

it("lists a SKU's stock levels from its one partition", async () => {
  // Never stocked: only listed for the sweep, at zero, as orders started waiting on it.
  expect(await queries().stockLevels(TENANT, 'A')).toEqual([
    expect.objectContaining({ warehouseId: 'main', onHand: 0, allocated: 0 }),
  ]);
});
