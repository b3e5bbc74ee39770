import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { inboundSupply, incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import {
  eventTypesOf,
  historyItemsOf,
  historyOf,
  levelOf,
  orderOf,
  originalsOf,
  readChecked,
} from '../../support/stored-state.js';
import { tenantPerTest } from '../../support/tenant-per-test.js';

const NOW = '2026-11-28T10:00:00.000Z';

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('receive-order', () => NOW);
}, 60_000);
afterAll(() => harness.drop());

const newTenant = tenantPerTest('ro', () => harness);

const stockUp = (tenant: string, lines: Array<[sku: string, quantity: number]>) =>
  receiveStockLines(harness.ports, tenant, `stock-${tenant}`, lines);

const intake = async (tenant: string, input: IncomingOrder) => {
  harness.resetTally();
  const outcome = await receiveOrder(harness.ports, tenant, input, `evt-${input.orderId}`);
  return { outcome, writes: harness.tally.byOperation.TransactWriteItems ?? 0 };
};

describe('an order whose stock is there', () => {
  it('is allocated whole and ready to pick, in one transaction', async () => {
    const tenant = await newTenant();
    await stockUp(tenant, [
      ['A', 5],
      ['B', 2],
    ]);
    const input = incoming('ok-1', [
      ['A', 3],
      ['B', 2],
      [null, 1],
    ]);
    const { outcome, writes } = await intake(tenant, input);

    expect(outcome.kind).toBe('accepted');
    expect(writes).toBe(1);
    // The policies, the kits (DESIGN §14), then one transaction: nothing else is read when the stock is there.
    expect(harness.tally.requests).toBe(3);
    const state = await readChecked(harness, tenant, originalsOf([input]));
    const order = orderOf(state, 'ok-1');
    expect(order.status).toBe('ReadyToPick');
    expect(order.lines.map((line) => line.allocated)).toEqual([3, 2, 0]);
    expect(levelOf(state, 'A')).toEqual([5, 3]);
    expect(levelOf(state, 'B')).toEqual([2, 2]);
    expect(state.waits).toEqual([]);

    const [entry] = historyOf(state, 'ok-1');
    expect(entry).toMatchObject({
      version: 1,
      at: NOW,
      actions: ['received', 'allocated'],
      actor: { kind: 'channel', id: 'shopify' },
      triggerEventId: 'evt-ok-1',
      statusBefore: null,
      statusAfter: 'ReadyToPick',
    });
    expect(entry?.reasons.join(' ')).toMatch(/Line 3 has no SKU/);
    expect(entry?.policy?.sources.onShortage).toBe('default');
    expect(eventTypesOf(state, 'ok-1')).toEqual([['Order Allocated']]);
    const [item] = historyItemsOf(state, 'ok-1');
    expect(item?.outboxPk).toMatch(/^OUTBOX#\d$/);
  });

  it('is refused the second time it is delivered, changing nothing', async () => {
    const tenant = await newTenant();
    await stockUp(tenant, [['A', 5]]);
    const input = incoming('dup-1', [['A', 2]]);
    await intake(tenant, input);
    const before = await readChecked(harness, tenant);

    const again = await intake(tenant, input);
    const changed = await intake(tenant, { ...input, lines: [{ lineId: '1', sku: 'A', quantity: 4 }] });

    expect(again.outcome).toEqual({ kind: 'duplicate', orderId: 'dup-1' });
    expect(changed.outcome).toEqual({ kind: 'duplicate', orderId: 'dup-1' });
    const after = await readChecked(harness, tenant);
    expect(after.items).toEqual(expect.arrayContaining(before.items));
    expect(after.items).toHaveLength(before.items.length);
  });
});

describe('a short order, by onShortage policy', () => {
  it('reject: is refused and takes nothing', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'reject' } });
    await stockUp(tenant, [['A', 3]]);
    const input = incoming('rej-1', [['A', 5]]);
    const { outcome, writes } = await intake(tenant, input);

    expect(outcome.kind).toBe('accepted');
    // The optimistic write fails on the stock condition; the second is decided from what it found.
    expect(writes).toBe(2);
    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'rej-1')).toMatchObject({
      status: 'Rejected',
      lines: [{ allocated: 0, quantity: 5 }],
    });
    expect(levelOf(state, 'A')).toEqual([3, 0]);
    expect(state.waits).toEqual([]);
    expect(historyOf(state, 'rej-1')[0]).toMatchObject({
      actions: ['received', 'rejected'],
      statusAfter: 'Rejected',
      policy: { values: { onShortage: 'reject' }, sources: { onShortage: 'tenant' } },
    });
    expect(eventTypesOf(state, 'rej-1')).toEqual([['Order Rejected']]);
  });

  it('dropShort: ships what is there and drops the rest; refuses an order that would ship nothing', async () => {
    const tenant = await newTenant({ channels: { shopify: { onShortage: 'dropShort' } } });
    await stockUp(tenant, [['A', 3]]);
    const some = incoming('drop-1', [
      ['A', 5],
      ['B', 1],
    ]);
    const none = incoming('drop-2', [['B', 2]]);
    await intake(tenant, some);
    await intake(tenant, none);

    const state = await readChecked(harness, tenant, originalsOf([some, none]));
    expect(orderOf(state, 'drop-1')).toMatchObject({
      status: 'ReadyToPick',
      lines: [
        { sku: 'A', quantity: 3, allocated: 3, dropped: 2 },
        { sku: 'B', quantity: 0, allocated: 0, dropped: 1 },
      ],
    });
    expect(historyOf(state, 'drop-1')[0]?.policy?.sources.onShortage).toBe('channel:shopify');
    expect(eventTypesOf(state, 'drop-1')).toEqual([['Order Allocated']]);
    expect(orderOf(state, 'drop-2').status).toBe('Rejected');
    expect(levelOf(state, 'A')).toEqual([3, 3]);
    expect(state.waits).toEqual([]);
  });

  it('holdAll: takes nothing and waits for every line', async () => {
    const tenant = await newTenant({ skus: { A: { onShortage: 'holdAll' } } });
    await stockUp(tenant, [
      ['A', 3],
      ['B', 4],
    ]);
    const input = incoming('all-1', [
      ['A', 5],
      ['B', 1],
    ]);
    await intake(tenant, input);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'all-1')).toMatchObject({
      status: 'AwaitingStock',
      lines: [{ allocated: 0 }, { allocated: 0 }],
    });
    expect(levelOf(state, 'A')).toEqual([3, 0]);
    expect(levelOf(state, 'B')).toEqual([4, 0]);
    expect(state.waits.map((wait) => wait.sku).sort()).toEqual(['A', 'B']);
    expect(historyOf(state, 'all-1')[0]?.policy?.sources.onShortage).toBe('sku:A');
    expect(eventTypesOf(state, 'all-1')).toEqual([['Order Awaiting Stock']]);
    const [event] = (historyItemsOf(state, 'all-1')[0]?.events ?? []) as Array<{
      detail: { missing: unknown };
    }>;
    expect(event?.detail.missing).toEqual([
      { lineId: '1', sku: 'A', quantity: 5 },
      { lineId: '2', sku: 'B', quantity: 1 },
    ]);
  });

  it('holdPartial: holds what is there and waits for the rest, with a waiting item per short SKU', async () => {
    const tenant = await newTenant();
    await stockUp(tenant, [
      ['A', 3],
      ['B', 4],
    ]);
    const input = incoming('part-1', [
      ['A', 5],
      ['B', 1],
    ]);
    await intake(tenant, input);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'part-1')).toMatchObject({
      status: 'AwaitingStock',
      lines: [{ allocated: 3 }, { allocated: 1 }],
    });
    expect(levelOf(state, 'A')).toEqual([3, 3]);
    expect(levelOf(state, 'B')).toEqual([4, 1]);
    expect(state.waits).toEqual([
      expect.objectContaining({ sku: 'A', waitPk: `${tenant}#main#A`, waitSk: `${input.createdAt}#part-1` }),
    ]);
    expect(eventTypesOf(state, 'part-1')).toEqual([['Order Awaiting Stock']]);
  });

  it('holdPartial without reserveWhileWaiting: holds nothing while it waits', async () => {
    const tenant = await newTenant({ tenant: { reserveWhileWaiting: false } });
    await stockUp(tenant, [['A', 3]]);
    const input = incoming('part-2', [['A', 5]]);
    await intake(tenant, input);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'part-2')).toMatchObject({ status: 'AwaitingStock', lines: [{ allocated: 0 }] });
    expect(levelOf(state, 'A')).toEqual([3, 0]);
  });

  it('split: ships what is there and moves the rest to a linked backorder', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split' } });
    await stockUp(tenant, [['MUG-1', 3]]);
    const input = incoming('shopify-1001', [
      ['MUG-1', 5],
      [null, 1],
    ]);
    await intake(tenant, input);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'shopify-1001')).toMatchObject({
      status: 'ReadyToPick',
      backorderIds: ['shopify-1001-BO1'],
      lines: [
        { sku: 'MUG-1', quantity: 3, allocated: 3 },
        { sku: null, quantity: 1, allocated: 0 },
      ],
    });
    expect(orderOf(state, 'shopify-1001-BO1')).toMatchObject({
      status: 'AwaitingStock',
      parentId: 'shopify-1001',
      lines: [{ lineId: '1', sku: 'MUG-1', quantity: 2, allocated: 0 }],
    });
    expect(levelOf(state, 'MUG-1')).toEqual([3, 3]);
    // The family shares a partition: the backorder and its waiting item live under the root.
    expect(state.waits).toEqual([
      expect.objectContaining({ pk: `T#${tenant}#ORDER#shopify-1001`, orderId: 'shopify-1001-BO1' }),
    ]);
    expect(eventTypesOf(state, 'shopify-1001')).toEqual([['Order Split', 'Order Allocated']]);
    expect(eventTypesOf(state, 'shopify-1001-BO1')).toEqual([[]]);
    expect(historyItemsOf(state, 'shopify-1001-BO1')[0]).not.toHaveProperty('outboxPk');
    expect(historyOf(state, 'shopify-1001')[0]?.actions).toEqual(['received', 'split']);
    expect(historyOf(state, 'shopify-1001-BO1')[0]?.actions).toEqual(['createdBySplit']);
  });

  it('split on a channel that cannot take splits: holds what is there instead, and says why', async () => {
    const tenant = await newTenant({
      tenant: { onShortage: 'split' },
      channels: { shopify: { splitSupported: false } },
    });
    await stockUp(tenant, [['A', 3]]);
    const input = incoming('nosplit-1', [['A', 5]]);
    await intake(tenant, input);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'nosplit-1')).toMatchObject({
      status: 'AwaitingStock',
      backorderIds: [],
      lines: [{ allocated: 3 }],
    });
    expect(historyOf(state, 'nosplit-1')[0]?.reasons.join(' ')).toMatch(/cannot take split orders/);
  });

  it('split with a split delay: waits while inbound stock is due in time, with a timer for the sweep', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split', splitDelayDays: 3 } });
    await stockUp(tenant, [
      ['A', 3],
      ['B', 3],
    ]);
    await harness.addInbound({ ...inboundSupply('A', 10, '2026-11-30T00:00:00.000Z'), tenantId: tenant });
    await harness.addInbound({ ...inboundSupply('B', 10, '2026-12-20T00:00:00.000Z'), tenantId: tenant });
    const due = incoming('delay-1', [['A', 5]]);
    const late = incoming('delay-2', [['B', 5]]);
    await intake(tenant, due);
    await intake(tenant, late);

    const state = await readChecked(harness, tenant, originalsOf([due, late]));
    expect(orderOf(state, 'delay-1')).toMatchObject({
      status: 'AwaitingStock',
      splitDueAt: '2026-12-01T10:00:00.000Z',
      backorderIds: [],
      lines: [{ allocated: 3 }],
    });
    const timer = state.items.find((item) => item.entity === 'order' && item.orderId === 'delay-1');
    expect(timer?.timerSk).toBe(`2026-12-01T10:00:00.000Z#${tenant}#delay-1`);
    expect(orderOf(state, 'delay-2').backorderIds).toEqual(['delay-2-BO1']);
  });

  it('split below the minimum fill: stays whole and waits', async () => {
    const tenant = await newTenant({
      tenant: { onShortage: 'split', minimumFill: { kind: 'percent', value: 50 } },
    });
    await stockUp(tenant, [['A', 1]]);
    const input = incoming('fill-1', [['A', 4]]);
    await intake(tenant, input);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'fill-1')).toMatchObject({ status: 'AwaitingStock', backorderIds: [] });
    expect(historyOf(state, 'fill-1')[0]?.reasons.join(' ')).toMatch(/minimum fill of 50%/);
  });

  it('an order override beats every other layer', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split' } });
    await stockUp(tenant, [['A', 1]]);
    const input = incoming('override-1', [['A', 2]], { policyOverride: { onShortage: 'reject' } });
    await intake(tenant, input);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'override-1').status).toBe('Rejected');
    expect(historyOf(state, 'override-1')[0]?.policy?.sources.onShortage).toBe('order');
  });
});

describe('an order that finds its stock taken', () => {
  it('is decided again from the levels the failed conditions returned', async () => {
    const tenant = await newTenant();
    await stockUp(tenant, [
      ['A', 4],
      ['B', 4],
    ]);
    const first = incoming('race-1', [['A', 3]]);
    const second = incoming('race-2', [
      ['A', 3],
      ['B', 2],
    ]);
    await intake(tenant, first);
    harness.resetTally();
    await receiveOrder(harness.ports, tenant, second, 'evt-race-2');

    // One failed optimistic write, one that lands: the levels came back with the failure.
    expect(harness.tally.byOperation.TransactWriteItems).toBe(2);
    expect(harness.tally.byOperation.BatchGetItem).toBeUndefined();
    const state = await readChecked(harness, tenant, originalsOf([first, second]));
    expect(orderOf(state, 'race-2')).toMatchObject({
      status: 'AwaitingStock',
      lines: [{ allocated: 1 }, { allocated: 2 }],
    });
    expect(levelOf(state, 'A')).toEqual([4, 4]);
    expect(levelOf(state, 'B')).toEqual([4, 2]);
  });

  it('of a SKU never stocked, is decided from zero', async () => {
    const tenant = await newTenant();
    const input = incoming('none-1', [['GHOST', 2]]);
    await intake(tenant, input);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'none-1')).toMatchObject({ status: 'AwaitingStock', lines: [{ allocated: 0 }] });
    // Nothing moved: the level is only listed for the sweep, as the order starts waiting on it.
    expect(state.stock).toEqual([expect.objectContaining({ sku: 'GHOST', onHand: 0, allocated: 0 })]);
    expect(state.waits).toHaveLength(1);
  });
});
