import { marshall } from '@aws-sdk/util-dynamodb';
import { EntryAttr, type Item } from '../../../../shared/adapters/dynamodb/items.js';
import { itemSize } from '../../../../shared/adapters/dynamodb/request-accounting.js';
import type { Decision } from '../../../../shared/allocation/decision.js';
import type { HistoryEntry } from '../../../../shared/domain/history.js';
import { holdOrder, releaseOrder, unholdOrder } from '../../../../shared/use-cases/order-acts.js';
import { receiveOrder } from '../../../../shared/use-cases/receive-order.js';
import { receiveStock } from '../../../../shared/use-cases/receive-stock.js';
import { incoming } from '../../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';
import { historyItemsOf, readChecked } from '../../../support/stored-state.js';

/**
 * Where history is stored: the order item holds its latest entry and that decision's outbox entry,
 * so an intake writes the order and its stock only; a later decision moves the entry, as stored,
 * into a history item of its own. Readers see the same history and outbox as ever.
 */
let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('history-layout');
}, 60_000);
afterAll(() => harness.drop());

let tenantCount = 0;
const newTenant = () => `hl-${++tenantCount}`;
let eventCount = 0;
const request = (tenantId: string) => ({
  tenantId,
  eventId: `req-${++eventCount}`,
  actor: { kind: 'person', id: 'ops@example.com' } as const,
});

const receipt = async (
  tenantId: string,
  lines: Array<[sku: string, quantity: number]>,
): Promise<Decision[]> => {
  const receiptId = `r-${++eventCount}`;
  const outcome = await receiveStock(
    harness.ports,
    tenantId,
    { receiptId, warehouseId: 'main', lines: lines.map(([sku, quantity]) => ({ sku, quantity })) },
    `evt-${receiptId}`,
  );
  return outcome.kind === 'applied' ? outcome.decisions : [];
};

const intake = async (tenantId: string, orderId: string, lines: Array<[sku: string, quantity: number]>) => {
  const outcome = await receiveOrder(harness.ports, tenantId, incoming(orderId, lines), `evt-${orderId}`);
  if (outcome.kind !== 'accepted') throw new Error(`${orderId} was not taken`);
  return outcome.decision;
};

const storedItem = async (tenantId: string, sk: string): Promise<Item | undefined> =>
  (await harness.readAll()).items.find(
    (item) => String(item.pk).startsWith(`T#${tenantId}#`) && item.sk === sk,
  );

const entriesOf = (decisions: readonly Decision[], orderId: string): HistoryEntry[] =>
  decisions.flatMap((decision) => decision.history).filter((entry) => entry.orderId === orderId);

it('writes an uncontended single-line intake as two items: the order, holding its entry and events, and the stock', async () => {
  const tenant = newTenant();
  await receipt(tenant, [['ONE', 10]]);
  harness.resetTally();

  await intake(tenant, 'two-items', [['ONE', 1]]);

  // Besides the tenant's policies, read anew here (the harness keeps no policy cache), and its kits.
  expect(harness.tally.byOperation).toEqual({ GetItem: 2, TransactWriteItems: 1 });
  // The order and the stock: the order's own condition finds a change its channel sent first
  // (DESIGN §10), kept under the order's key.
  expect(harness.tally.transactionItems).toBe(2);
  expect(harness.tally.modelledWcu).toBe(4);
  const state = await readChecked(harness, tenant);
  expect(state.items.filter((item) => item.entity === 'history')).toEqual([]);
  const order = await storedItem(tenant, 'ORDER#two-items');
  expect(itemSize(marshall(order as Item))).toBeLessThanOrEqual(1024);
  expect(order).toMatchObject({ outboxSlot: 'v1', outboxPk: expect.stringMatching(/^OUTBOX#\d$/) });
  expect(historyItemsOf(state, 'two-items')).toEqual([
    expect.objectContaining({
      heldBy: 'order',
      version: 1,
      events: [expect.objectContaining({ detailType: 'Order Allocated' })],
    }),
  ]);
});

it('moves the previous entry, as stored and still listed on the outbox, into its own history item', async () => {
  const tenant = newTenant();
  await intake(tenant, 'moved', [['LATE', 2]]);
  const before = await storedItem(tenant, 'ORDER#moved');

  await receipt(tenant, [['LATE', 2]]);

  const archived = await storedItem(tenant, 'HISTORY#moved#0000000001');
  for (const name of Object.values(EntryAttr).filter((attribute) => attribute !== EntryAttr.publishedAt)) {
    expect([name, archived?.[name]]).toEqual([name, before?.[name]]);
  }
  expect(archived).toMatchObject({ entity: 'history', version: 1, outboxSlot: 'v1' });
  const order = await storedItem(tenant, 'ORDER#moved');
  expect(order).toMatchObject({ version: 2, status: 'ReadyToPick', outboxSlot: 'v2' });
  const state = await readChecked(harness, tenant);
  expect(historyItemsOf(state, 'moved').map((item) => [item.version, item.heldBy])).toEqual([
    [1, 'history'],
    [2, 'order'],
  ]);
});

it('reads back every entry of a family, as decided and in order, after several decisions', async () => {
  const tenant = newTenant();
  // Without mergeSiblings, so that the backorder stays a family member of its own to act on.
  await harness.setPolicies(tenant, { tenant: { onShortage: 'split', mergeSiblings: false } });
  await receipt(tenant, [['FAM', 1]]);
  const decisions = [await intake(tenant, 'fam', [['FAM', 3]])];
  decisions.push(...(await receipt(tenant, [['FAM', 1]])));
  for (const act of [holdOrder, unholdOrder, releaseOrder]) {
    const outcome = await act(harness.ports, request(tenant), { orderId: 'fam-BO1', reason: 'check' });
    if (outcome.kind === 'applied') decisions.push(...outcome.decisions);
  }
  decisions.push(...(await receipt(tenant, [['FAM', 5]])));

  const { history } = await harness.repository.loadFamily(tenant, 'fam');
  const family = ['fam', 'fam-BO1', 'fam-BO2'];
  expect(family.map((orderId) => entriesOf(decisions, orderId).map((entry) => entry.version))).toEqual([
    [1],
    [1, 2, 3, 4, 5, 6],
    [1, 2],
  ]);
  // A Query of the history items alone returned them so: order by order, oldest first.
  expect(history).toEqual(family.flatMap((orderId) => entriesOf(decisions, orderId)));
  await readChecked(harness, tenant);
});

it('moves the entry of a 150-line order in the last transaction of an oversized commit', async () => {
  const tenant = newTenant();
  const skus = Array.from({ length: 150 }, (_, index) => `BIG-${index}`);
  await receipt(
    tenant,
    skus.map((sku) => [sku, 1]),
  );
  const decisions = [
    await intake(
      tenant,
      'big',
      skus.map((sku) => [sku, 1]),
    ),
  ];
  const released = await releaseOrder(harness.ports, request(tenant), { orderId: 'big', reason: 'recount' });
  if (released.kind === 'applied') decisions.push(...released.decisions);

  const state = await readChecked(harness, tenant);
  expect(state.orders[0]).toMatchObject({ orderId: 'big', status: 'AwaitingStock', version: 2 });
  expect(state.waits).toHaveLength(150);
  expect(historyItemsOf(state, 'big').map((item) => [item.version, item.heldBy, item.outboxSlot])).toEqual([
    [1, 'history', 'v1'],
    [2, 'order', 'v2'],
  ]);
  expect((await harness.repository.loadFamily(tenant, 'big')).history).toEqual(entriesOf(decisions, 'big'));
});
