import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { type BatchEntry, receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { inboundSupply, incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import { levelOf, orderOf, originalsOf, readChecked, type StoredState } from '../../support/stored-state.js';
import { tenantPerTest } from '../../support/tenant-per-test.js';

const NOW = '2026-11-28T10:00:00.000Z';

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('receive-orders', () => NOW);
}, 60_000);
afterAll(() => harness.drop());

const newTenant = tenantPerTest('rb', () => harness);

const at = (minute: number) => `2026-11-28T09:${String(minute).padStart(2, '0')}:00.000Z`;
const entriesOf = (inputs: IncomingOrder[]): BatchEntry[] =>
  inputs.map((input) => ({ input, eventId: `evt-${input.orderId}` }));

const stockUp = (tenant: string, lines: Array<[sku: string, quantity: number]>) =>
  receiveStockLines(harness.ports, tenant, `stock-${tenant}`, lines);

/** What the orders and stock look like, without what differs between tenants. */
const outcomeOf = (state: StoredState) => ({
  orders: state.orders
    .map(({ tenantId: _tenant, ...order }) => order)
    .sort((a, b) => a.orderId.localeCompare(b.orderId)),
  stock: state.stock
    .map(({ tenantId: _tenant, ...level }) => level)
    .sort((a, b) => a.sku.localeCompare(b.sku)),
  waits: state.waits.map((wait) => `${wait.orderId}:${wait.sku}:${wait.waitSk}`).sort(),
});

describe('a batch of orders', () => {
  it('whose stock is there costs one write: stock is assumed, never read', async () => {
    const tenant = await newTenant();
    await stockUp(tenant, [
      ['A', 10],
      ['B', 10],
    ]);
    const inputs = [incoming('t-1', [['A', 3]]), incoming('t-2', [['B', 2]]), incoming('t-3', [['A', 4]])];

    harness.resetTally();
    const results = await receiveOrders(harness.ports, tenant, entriesOf(inputs));

    expect(results.map((result) => result.kind)).toEqual(['accepted', 'accepted', 'accepted']);
    // Besides the policies (cached for 30 s by the functions, not by this harness) and the kits
    // (one read per batch, DESIGN §14).
    expect(harness.tally.byOperation).toEqual({ GetItem: 2, TransactWriteItems: 1 });
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(levelOf(state, 'A')).toEqual([10, 7]);
  });

  it('competing for the same stock ends as if taken one by one: the assumed stock fails its condition, the found levels commit', async () => {
    const policies: PolicyConfig = { channels: { woo: { onShortage: 'split' } } };
    const inputs = [
      incoming(
        'b-1',
        [
          ['A', 3],
          ['B', 1],
        ],
        { createdAt: at(1) },
      ),
      incoming('b-2', [['A', 3]], { createdAt: at(2), channel: 'woo' }),
      incoming(
        'b-3',
        [
          ['A', 2],
          [null, 1],
        ],
        { createdAt: at(3), policyOverride: { onShortage: 'reject' } },
      ),
      incoming('b-4', [['B', 2]], { createdAt: at(4), policyOverride: { onShortage: 'holdAll' } }),
      incoming(
        'b-5',
        [
          ['A', 1],
          ['B', 1],
        ],
        { createdAt: at(5), policyOverride: { onShortage: 'dropShort' } },
      ),
    ];
    const batched = await newTenant(policies);
    const single = await newTenant(policies);
    await stockUp(batched, [
      ['A', 5],
      ['B', 2],
    ]);
    await stockUp(single, [
      ['A', 5],
      ['B', 2],
    ]);

    harness.resetTally();
    const results = await receiveOrders(harness.ports, batched, entriesOf(inputs));
    // The first transaction assumed 9 A and 4 B; its failed conditions returned the levels. Decided
    // again, the kits are read fresh (a kit defined since the cached copy would have failed it too).
    expect(harness.tally.byOperation).toEqual({ GetItem: 3, TransactWriteItems: 2 });
    for (const input of inputs) await receiveOrder(harness.ports, single, input, `evt-${input.orderId}`);

    expect(results.map((result) => result.kind)).toEqual(Array(5).fill('accepted'));
    const batchState = await readChecked(harness, batched, originalsOf(inputs));
    const singleState = await readChecked(harness, single, originalsOf(inputs));
    expect(outcomeOf(batchState)).toEqual(outcomeOf(singleState));
    expect(orderOf(batchState, 'b-2').backorderIds).toEqual(['b-2-BO1']);
    expect(orderOf(batchState, 'b-3').status).toBe('Rejected');
    expect(levelOf(batchState, 'A')).toEqual([5, 5]);
    // Each order's history names its own event, not the batch's.
    expect(batchState.history.find((entry) => entry.orderId === 'b-4')?.triggerEventId).toBe('evt-b-4');
  });

  it('reports orders already stored as duplicates, and bad entries as failed, taking the rest', async () => {
    const tenant = await newTenant();
    await stockUp(tenant, [['A', 5]]);
    const known = incoming('known', [['A', 2]]);
    await receiveOrder(harness.ports, tenant, known, 'evt-known');
    const fresh = incoming('fresh', [['A', 2]]);
    const bad = { ...incoming('bad', [['A', 1]]), lines: [] };

    const results = await receiveOrders(harness.ports, tenant, [
      { input: { ...known, lines: [{ lineId: '1', sku: 'A', quantity: 3 }] }, eventId: 'evt-known-again' },
      { input: bad, eventId: 'evt-bad' },
      { input: fresh, eventId: 'evt-fresh' },
    ]);

    expect(results.map((result) => [result.eventId, result.kind])).toEqual([
      ['evt-known-again', 'duplicate'],
      ['evt-bad', 'failed'],
      ['evt-fresh', 'accepted'],
    ]);
    const state = await readChecked(harness, tenant, originalsOf([known, fresh]));
    expect(orderOf(state, 'known').lines[0]?.quantity).toBe(2);
    expect(levelOf(state, 'A')).toEqual([5, 4]);
  });

  it('takes an order delivered twice in one batch once', async () => {
    const tenant = await newTenant();
    await stockUp(tenant, [['A', 5]]);
    const twice = incoming('twice', [['A', 2]]);

    const results = await receiveOrders(harness.ports, tenant, [
      { input: twice, eventId: 'evt-twice' },
      { input: twice, eventId: 'evt-twice' },
      { input: twice, eventId: 'evt-twice-redelivered' },
    ]);

    expect(results.every((result) => result.kind !== 'failed')).toBe(true);
    const state = await readChecked(harness, tenant, originalsOf([twice]));
    expect(orderOf(state, 'twice')).toMatchObject({ status: 'ReadyToPick', version: 1 });
    expect(levelOf(state, 'A')).toEqual([5, 2]);
  });

  it('waits for inbound stock due within the split delay, as a single intake does', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split', splitDelayDays: 3 } });
    await stockUp(tenant, [['A', 1]]);
    await harness.addInbound({ ...inboundSupply('A', 10, '2026-11-30T00:00:00.000Z'), tenantId: tenant });
    const input = incoming('batch-delay', [['A', 4]]);

    await receiveOrders(harness.ports, tenant, entriesOf([input]));

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'batch-delay')).toMatchObject({
      status: 'AwaitingStock',
      backorderIds: [],
      splitDueAt: '2026-12-01T10:00:00.000Z',
    });
  });

  it('found short, orders that need more items than assumed go to a next transaction, none over the limit', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split' } });
    await stockUp(tenant, [['X', 100]]);
    // 45 two-line orders fit one chunk as assumed (an item each, and the two stock writes they
    // share); short of Y, each splits into itself and a backorder waiting for Y (3 items each):
    // they no longer fit one transaction.
    const inputs = Array.from({ length: 45 }, (_, index) =>
      incoming(
        `short-${String(index).padStart(2, '0')}`,
        [
          ['X', 1],
          ['Y', 1],
        ],
        { createdAt: at(index) },
      ),
    );
    const sizes: number[] = [];
    harness.tables.dynamodb.middlewareStack.add(
      (next) => async (args) => {
        const items = (args.input as { TransactItems?: unknown[] }).TransactItems;
        if (items) sizes.push(items.length);
        return next(args);
      },
      { step: 'initialize', name: 'transactionSizes' },
    );
    try {
      const results = await receiveOrders(harness.ports, tenant, entriesOf(inputs));

      expect(results.every((result) => result.kind === 'accepted')).toBe(true);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
      // Assumed and found short, then cut; the rest assumed and found short, then committed.
      expect(sizes.length).toBe(4);
      const state = await readChecked(harness, tenant, originalsOf(inputs));
      expect(state.orders.filter((order) => order.status === 'AwaitingStock')).toHaveLength(45);
      expect(levelOf(state, 'X')).toEqual([100, 45]);
      expect(state.items.filter((item) => item.entity === 'reservation')).toEqual([]);
    } finally {
      harness.tables.dynamodb.middlewareStack.remove('transactionSizes');
    }
  });

  it('larger than one transaction commits in chunks, each keeping the invariants', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split' } });
    await stockUp(tenant, [
      ['A', 30],
      ['B', 30],
    ]);
    const inputs = Array.from({ length: 60 }, (_, index) =>
      incoming(
        `bulk-${String(index).padStart(2, '0')}`,
        [
          ['A', 1],
          ['B', index % 2 === 0 ? 1 : 2],
        ],
        {
          createdAt: at(index),
        },
      ),
    );

    harness.resetTally();
    const results = await receiveOrders(harness.ports, tenant, entriesOf(inputs));

    expect(results.every((result) => result.kind === 'accepted')).toBe(true);
    expect(harness.tally.byOperation.TransactWriteItems).toBeGreaterThan(1);
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(levelOf(state, 'A')).toEqual([30, 30]);
    expect(levelOf(state, 'B')).toEqual([30, 30]);
    expect(state.orders.filter((order) => order.parentId).length).toBeGreaterThan(0);
  });
});
