import { orderPageView } from '../../../shared/api/response-schemas.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';

const TENANT = 'list-1';
let api: OperatorApi;

const day = (k: number) => `2026-11-${String(k).padStart(2, '0')}T09:00:00.000Z`;

/** Twelve waiting orders, one a day from 1 November, varied in every filtered field. */
const WAITING: IncomingOrder[] = Array.from({ length: 12 }, (_, index) => {
  const k = index + 1;
  const sku = k % 4 === 0 ? 'B' : 'A';
  return incoming(
    `o-${String(k).padStart(2, '0')}`,
    k === 5
      ? [
          [sku, 1],
          ['C', 1],
        ]
      : [[sku, 1]],
    {
      createdAt: day(k),
      channel: k % 2 === 1 ? 'shopify' : 'woocommerce',
      warehouseId: k <= 8 ? 'main' : 'east',
      customer: {
        id: `cust-${k}`,
        name: k % 3 === 0 ? 'Ada Lovelace' : 'Grace Hopper',
        email: `c${k}@example.com`,
      },
    },
  );
});
const ids = (inputs: readonly IncomingOrder[]) => inputs.map((input) => input.orderId);

beforeAll(async () => {
  api = await createOperatorApi('operator-list');
  for (const input of WAITING) await api.seedOrder(TENANT, input);
  await api.receive(TENANT, 'R', 5);
  await api.seedOrder(TENANT, incoming('ready-1', [['R', 2]], { createdAt: day(3) }));
}, 120_000);
afterAll(() => api.drop());

const list = async (query: Record<string, string>, tenantId = TENANT) => {
  const answer = await api.call('GET', '/orders', { tenantId, query });
  expect(answer.status).toBe(200);
  return orderPageView.parse(answer.body);
};

/** Follows the cursor to the end; every page but the last must be full. */
const listAll = async (query: Record<string, string>, limit: number): Promise<string[]> => {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    cursor = page.cursor;
    if (cursor) expect(page.orders).toHaveLength(limit);
    seen.push(...page.orders.map((order) => order.orderId));
  } while (cursor);
  return seen;
};

it('lists Awaiting Stock by default, the longest waiting first, in one page', async () => {
  const page = await list({});
  expect(page.orders.map((order) => order.orderId)).toEqual(ids(WAITING));
  expect(page.cursor).toBeUndefined();
  expect(page.orders[4]).toMatchObject({
    orderId: 'o-05',
    status: 'AwaitingStock',
    channel: 'shopify',
    lines: [
      { lineId: '1', sku: 'A', quantity: 1, allocated: 0, shortfall: 1 },
      { lineId: '2', sku: 'C', quantity: 1, allocated: 0, shortfall: 1 },
    ],
  });
});

it('pages through with cursors, oldest or newest first, without skipping or repeating', async () => {
  expect(await listAll({}, 5)).toEqual(ids(WAITING));
  expect(await listAll({ sort: 'newest' }, 5)).toEqual(ids(WAITING).reverse());
  expect(await listAll({}, 12)).toEqual(ids(WAITING));
  expect(await listAll({}, 1)).toEqual(ids(WAITING));
});

const FILTERS: Array<[query: Record<string, string>, keep: (input: IncomingOrder) => boolean]> = [
  [{ channel: 'woocommerce' }, (input) => input.channel === 'woocommerce'],
  [{ warehouse: 'east' }, (input) => input.warehouseId === 'east'],
  [{ sku: 'B' }, (input) => input.lines.some((line) => line.sku === 'B')],
  [{ sku: 'C' }, (input) => input.orderId === 'o-05'],
  [{ customer: 'ada' }, (input) => input.customer?.name === 'Ada Lovelace'],
  [{ customer: 'C7@EXAMPLE.COM' }, (input) => input.orderId === 'o-07'],
  [{ customer: 'cust-11' }, (input) => input.orderId === 'o-11'],
  // 28 November 10:00 less 20 days: created before 8 November 10:00.
  [{ olderThanDays: '20' }, (input) => input.createdAt < day(8).replace('09:', '10:')],
  [{ olderThanDays: '0' }, () => true],
  [{ olderThanDays: '365' }, () => false],
  [
    { channel: 'shopify', warehouse: 'main', sku: 'A' },
    (input) =>
      input.channel === 'shopify' &&
      input.warehouseId === 'main' &&
      input.lines.some((line) => line.sku === 'A'),
  ],
  [
    { customer: 'grace', olderThanDays: '22' },
    (input) => input.customer?.name === 'Grace Hopper' && input.createdAt < day(7),
  ],
];

it.each(FILTERS)('filters %j, with full pages across cursors', async (query, keep) => {
  const expected = ids(WAITING.filter(keep));
  expect(await listAll(query, 2)).toEqual(expected);
  expect(await listAll({ ...query, sort: 'newest' }, 3)).toEqual([...expected].reverse());
});

it('lists other statuses by their own index partition', async () => {
  expect((await list({ status: 'ReadyToPick' })).orders.map((order) => order.orderId)).toEqual(['ready-1']);
  expect((await list({ status: 'Cancelled' })).orders).toEqual([]);
});

it('reads through the status index: Queries only, never a scan', async () => {
  const before = { ...api.harness.tally.byOperation };
  await listAll({ customer: 'ada' }, 2);
  const after = api.harness.tally.byOperation;
  expect(after.Scan ?? 0).toBe(before.Scan ?? 0);
  expect((after.Query ?? 0) - (before.Query ?? 0)).toBeGreaterThan(0);
  expect(
    Object.keys(after).filter((operation) => (after[operation] ?? 0) !== (before[operation] ?? 0)),
  ).toEqual(['Query']);
});

describe('cursors', () => {
  const firstCursor = async (query: Record<string, string> = {}) => {
    const page = await list({ ...query, limit: '2' });
    expect(page.cursor).toEqual(expect.any(String));
    return page.cursor as string;
  };

  const refused = async (query: Record<string, string>, tenantId = TENANT) => {
    const answer = await api.call('GET', '/orders', { tenantId, query });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_INPUT', details: { parameter: 'cursor' } });
  };

  it('refuses a cursor that was edited', async () => {
    const cursor = await firstCursor();
    const [payload, signature] = cursor.split('.') as [string, string];
    const position = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const edited = Buffer.from(JSON.stringify({ ...position, statusSk: '0' })).toString('base64url');
    await refused({ limit: '2', cursor: `${edited}.${signature}` });
    await refused({ limit: '2', cursor: `${payload}.${signature.slice(1)}A` });
    await refused({ limit: '2', cursor: 'not-a-cursor' });
    await refused({ limit: '2', cursor: `${payload}.${signature}.x` });
  });

  it('refuses a cursor of another query or another tenant', async () => {
    const cursor = await firstCursor();
    await refused({ limit: '2', cursor, channel: 'shopify' });
    await refused({ limit: '2', cursor, sort: 'newest' });
    await refused({ limit: '2', cursor, status: 'ReadyToPick' });
    await refused({ limit: '2', cursor }, 'list-2');
  });

  it('keeps working when only the page size or the age changes', async () => {
    const cursor = await firstCursor();
    const rest = await list({ limit: '20', cursor });
    expect(rest.orders.map((order) => order.orderId)).toEqual(ids(WAITING).slice(2));
    const older = await list({ limit: '20', cursor, olderThanDays: '20' });
    expect(older.orders.map((order) => order.orderId)).toEqual(ids(WAITING).slice(2, 8));
  });
});

describe('the manual-review queue', () => {
  const REVIEW = 'list-review';

  beforeAll(async () => {
    await api.harness.setPolicies(REVIEW, { tenant: { autoAllocate: false } });
    for (const k of [1, 2, 3]) {
      await api.seedOrder(REVIEW, incoming(`f-${k}`, [['F', 2]], { createdAt: day(k) }));
    }
    await api.receive(REVIEW, 'F', 2);
  });

  it('lists the orders that could be filled now with fillable=true, and the rest with fillable=false', async () => {
    const fillable = await list({ fillable: 'true' }, REVIEW);
    expect(fillable.orders.map((order) => [order.orderId, order.fillable])).toEqual([['f-1', true]]);
    const rest = await list({ fillable: 'false' }, REVIEW);
    expect(rest.orders.map((order) => order.orderId)).toEqual(['f-2', 'f-3']);
    expect(rest.orders.every((order) => !order.fillable)).toBe(true);
  });
});
