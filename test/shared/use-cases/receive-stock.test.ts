import { StockConflictError } from '../../../shared/domain/errors.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { startFulfilment } from '../../../shared/use-cases/order-acts.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { adjustStock } from '../../../shared/use-cases/receive-stock.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import {
  eventTypesOf,
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
  harness = await createRepositoryHarness('receive-stock', () => NOW);
}, 60_000);
afterAll(() => harness.drop());

const newTenant = tenantPerTest('rs', () => harness);

const at = (minute: number) => `2026-11-28T09:${String(minute).padStart(2, '0')}:00.000Z`;

const receipt = (tenant: string, receiptId: string, lines: Array<[sku: string, quantity: number]>) =>
  receiveStockLines(harness.ports, tenant, receiptId, lines);

const adjustment = (tenant: string, adjustmentId: string, lines: Array<[sku: string, delta: number]>) =>
  adjustStock(
    harness.ports,
    tenant,
    { adjustmentId, warehouseId: 'main', lines: lines.map(([sku, delta]) => ({ sku, delta })) },
    `evt-${adjustmentId}`,
  );

const intakeAll = async (tenant: string, inputs: IncomingOrder[]) => {
  for (const input of inputs) await receiveOrder(harness.ports, tenant, input, `evt-${input.orderId}`);
};

describe('a receipt', () => {
  it('serves the waiting orders of the received SKU first come, first served, until the stock runs out', async () => {
    const tenant = await newTenant();
    const inputs = [
      incoming('fifo-3', [['A', 2]], { createdAt: at(3) }),
      incoming('fifo-1', [['A', 2]], { createdAt: at(1) }),
      incoming(
        'fifo-2',
        [
          ['A', 2],
          ['B', 1],
        ],
        { createdAt: at(2) },
      ),
      incoming('fifo-b', [['B', 1]], { createdAt: at(0) }),
    ];
    await intakeAll(tenant, inputs);
    const outcome = await receipt(tenant, 'r1', [['A', 3]]);

    expect(outcome.kind).toBe('applied');
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'fifo-1')).toMatchObject({ status: 'ReadyToPick', lines: [{ allocated: 2 }] });
    expect(orderOf(state, 'fifo-2')).toMatchObject({
      status: 'AwaitingStock',
      lines: [{ allocated: 1 }, { allocated: 0 }],
    });
    expect(orderOf(state, 'fifo-3')).toMatchObject({ status: 'AwaitingStock', lines: [{ allocated: 0 }] });
    // B's queue was not touched: only the received SKU's waiting orders are served.
    expect(orderOf(state, 'fifo-b').version).toBe(1);
    expect(levelOf(state, 'A')).toEqual([3, 3]);

    expect(eventTypesOf(state, 'fifo-1')).toEqual([
      ['Order Awaiting Stock'],
      ['Backorder Fulfilled', 'Allocation Changed'],
    ]);
    expect(eventTypesOf(state, 'fifo-2')).toEqual([['Order Awaiting Stock'], ['Allocation Changed']]);
    expect(historyOf(state, 'fifo-1')[1]).toMatchObject({
      actions: ['allocated'],
      actor: { kind: 'warehouse', id: tenant },
      triggerEventId: 'evt-r1',
      statusBefore: 'AwaitingStock',
      statusAfter: 'ReadyToPick',
      linesBefore: [{ allocated: 0 }],
      linesAfter: [{ allocated: 2 }],
    });
    expect(historyOf(state, 'fifo-1')[1]?.reasons.join(' ')).toMatch(/place 1 in the fifo queue for A/);
    expect(state.waits.map((wait) => `${wait.orderId}:${wait.sku}`).sort()).toEqual([
      'fifo-2:A',
      'fifo-2:B',
      'fifo-3:A',
      'fifo-b:B',
    ]);
  });

  it('serves by priority, then by created time, when the tenant says so', async () => {
    const tenant = await newTenant({ tenant: { priority: 'priorityThenFifo' } });
    const inputs = [
      incoming('prio-old', [['A', 1]], { createdAt: at(1) }),
      incoming('prio-high', [['A', 1]], { createdAt: at(5), priority: 10 }),
      incoming('prio-mid', [['A', 1]], { createdAt: at(4), priority: 5 }),
      incoming('prio-neg', [['A', 1]], { createdAt: at(0), priority: -1 }),
    ];
    await intakeAll(tenant, inputs);
    await receipt(tenant, 'r-prio', [['A', 3]]);

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    const served = state.orders.filter((order) => order.status === 'ReadyToPick').map((o) => o.orderId);
    expect(served.sort()).toEqual(['prio-high', 'prio-mid', 'prio-old']);
    expect(orderOf(state, 'prio-neg').status).toBe('AwaitingStock');
  });

  it('serves by ship-by date under shipBy, orders without one last', async () => {
    const tenant = await newTenant({ skus: { A: { priority: 'shipBy' } } });
    const inputs = [
      incoming('ship-none', [['A', 1]], { createdAt: at(0) }),
      incoming('ship-late', [['A', 1]], { createdAt: at(1), shipBy: '2026-12-10T00:00:00.000Z' }),
      incoming('ship-soon', [['A', 1]], { createdAt: at(2), shipBy: '2026-12-01T00:00:00.000+02:00' }),
    ];
    await intakeAll(tenant, inputs);
    await receipt(tenant, 'r-ship', [['A', 2]]);

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'ship-soon').status).toBe('ReadyToPick');
    expect(orderOf(state, 'ship-late').status).toBe('ReadyToPick');
    expect(orderOf(state, 'ship-none').status).toBe('AwaitingStock');
  });

  it('fulfils a split backorder, which announces itself with its parent', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split', mergeSiblings: false } });
    await receipt(tenant, 'r-first', [['MUG-1', 3]]);
    const input = incoming('shopify-1001', [['MUG-1', 5]]);
    await intakeAll(tenant, [input]);
    await receipt(tenant, 'r-second', [['MUG-1', 4]]);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'shopify-1001-BO1')).toMatchObject({
      status: 'ReadyToPick',
      lines: [{ allocated: 2 }],
    });
    expect(levelOf(state, 'MUG-1')).toEqual([7, 5]);
    const events = state.historyItems
      .filter((item) => item.orderId === 'shopify-1001-BO1')
      .flatMap(
        (item) => (item.events ?? []) as Array<{ detailType: string; detail: Record<string, unknown> }>,
      );
    expect(events.find((event) => event.detailType === 'Backorder Fulfilled')?.detail).toMatchObject({
      parentId: 'shopify-1001',
      causationId: 'evt-r-second',
      eventId: 'evt-r-second:shopify-1001-BO1:fulfilled',
    });
  });

  it('splits a partly served backorder again under the split policy', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split', mergeSiblings: false } });
    await receipt(tenant, 'r-s1', [['A', 1]]);
    const input = incoming('resplit', [['A', 6]]);
    await intakeAll(tenant, [input]);
    await receipt(tenant, 'r-s2', [['A', 2]]);

    const state = await readChecked(harness, tenant, originalsOf([input]));
    expect(orderOf(state, 'resplit-BO1')).toMatchObject({
      status: 'ReadyToPick',
      backorderIds: ['resplit-BO2'],
      lines: [{ quantity: 2, allocated: 2 }],
    });
    expect(orderOf(state, 'resplit-BO2')).toMatchObject({
      status: 'AwaitingStock',
      parentId: 'resplit-BO1',
      lines: [{ quantity: 3, allocated: 0 }],
    });
  });

  it('marks orders fillable instead of allocating when autoAllocate is off', async () => {
    const tenant = await newTenant({ tenant: { autoAllocate: false } });
    const inputs = [
      incoming('review-1', [['A', 2]], { createdAt: at(1) }),
      incoming('review-2', [['A', 2]], { createdAt: at(2) }),
    ];
    await intakeAll(tenant, inputs);
    await receipt(tenant, 'r-review', [['A', 2]]);

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'review-1')).toMatchObject({ status: 'AwaitingStock', fillable: true });
    expect(orderOf(state, 'review-2')).toMatchObject({ status: 'AwaitingStock', fillable: false });
    expect(levelOf(state, 'A')).toEqual([2, 0]);
    expect(historyOf(state, 'review-1')[1]?.actions).toEqual(['markedFillable']);
  });

  it('reads only as much of a long queue as the stock can serve, plus one page', async () => {
    const tenant = await newTenant();
    const inputs = Array.from({ length: 60 }, (_, index) =>
      incoming(`long-${String(index).padStart(2, '0')}`, [['A', 1]], { createdAt: at(index % 60) }),
    );
    await receiveOrders(
      harness.ports,
      tenant,
      inputs.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
    );
    harness.resetTally();
    await receipt(tenant, 'r-long', [['A', 3]]);

    expect(harness.tally.byOperation.Query).toBe(1);
    expect(harness.tally.byOperation.TransactWriteItems).toBe(1);
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(state.orders.filter((order) => order.status === 'ReadyToPick').map((o) => o.orderId)).toEqual(
      expect.arrayContaining(['long-00', 'long-01', 'long-02']),
    );
    expect(levelOf(state, 'A')).toEqual([3, 3]);
  });

  it('serves a queue across pages and transactions when a large receipt fills many orders', async () => {
    const tenant = await newTenant();
    const inputs = Array.from({ length: 60 }, (_, index) =>
      incoming(`many-${String(index).padStart(2, '0')}`, [['A', 1]], { createdAt: at(index) }),
    );
    await receiveOrders(
      harness.ports,
      tenant,
      inputs.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
    );
    harness.resetTally();
    await receipt(tenant, 'r-many', [['A', 65]]);

    // 60 orders and their history do not fit one transaction.
    expect(harness.tally.byOperation.TransactWriteItems).toBeGreaterThan(1);
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(state.orders.every((order) => order.status === 'ReadyToPick')).toBe(true);
    expect(levelOf(state, 'A')).toEqual([65, 60]);
    expect(state.waits).toEqual([]);
  });

  it('keeps serving from the next page when the orders it read could not take the stock', async () => {
    const tenant = await newTenant();
    const blocked = Array.from({ length: 30 }, (_, index) =>
      incoming(
        `all-${String(index).padStart(2, '0')}`,
        [
          ['A', 1],
          ['B', 1],
        ],
        {
          createdAt: at(index),
          policyOverride: { onShortage: 'holdAll' },
        },
      ),
    );
    const last = incoming('after-all', [['A', 2]], { createdAt: at(59) });
    await receiveOrders(harness.ports, tenant, [
      ...blocked.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
      { input: last, eventId: 'evt-after-all' },
    ]);
    const outcome = await receipt(tenant, 'r-next', [['A', 5]]);

    expect(outcome.kind === 'applied' && outcome.decisions.length).toBe(2);
    const state = await readChecked(harness, tenant, originalsOf([...blocked, last]));
    expect(orderOf(state, 'after-all')).toMatchObject({ status: 'ReadyToPick', lines: [{ allocated: 2 }] });
    expect(historyOf(state, 'after-all')[1]?.triggerEventId).toBe('evt-r-next:serve-1');
    expect(levelOf(state, 'A')).toEqual([5, 2]);
  });

  it('is applied once however often it is delivered', async () => {
    const tenant = await newTenant();
    const inputs = [incoming('once-1', [['A', 4]])];
    await intakeAll(tenant, inputs);
    const first = await receipt(tenant, 'r-once', [['A', 2]]);
    const again = await receipt(tenant, 'r-once', [['A', 2]]);
    const both = await Promise.all([
      receipt(tenant, 'r-twice', [['A', 1]]),
      receipt(tenant, 'r-twice', [['A', 1]]),
    ]);

    expect(first.kind).toBe('applied');
    expect(again).toEqual({ kind: 'duplicate', key: 'receipt#main#r-once' });
    expect(both.map((outcome) => outcome.kind).sort()).toEqual(['applied', 'duplicate']);
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(levelOf(state, 'A')).toEqual([3, 3]);
    expect(orderOf(state, 'once-1').lines[0]?.allocated).toBe(3);
    expect(state.items.filter((item) => item.entity === 'idempotency').map((item) => item.pk)).toEqual(
      expect.arrayContaining([
        `T#${tenant}#IDEMPOTENCY#receipt#main#r-once`,
        `T#${tenant}#IDEMPOTENCY#receipt#main#r-twice`,
      ]),
    );
  });
});

describe('an adjustment', () => {
  it('up serves waiting orders like a receipt', async () => {
    const tenant = await newTenant();
    const inputs = [incoming('up-1', [['A', 2]])];
    await intakeAll(tenant, inputs);
    await adjustment(tenant, 'adj-up', [['A', 5]]);

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'up-1').status).toBe('ReadyToPick');
    expect(levelOf(state, 'A')).toEqual([5, 2]);
  });

  it('down, within free stock, only lowers on-hand', async () => {
    const tenant = await newTenant();
    await receipt(tenant, 'r-free', [['A', 5]]);
    const inputs = [incoming('free-1', [['A', 2]])];
    await intakeAll(tenant, inputs);
    await adjustment(tenant, 'adj-free', [['A', -3]]);

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(levelOf(state, 'A')).toEqual([2, 2]);
    expect(orderOf(state, 'free-1').version).toBe(1);
  });

  it('down below allocated takes stock back from the lowest-priority orders, which wait again', async () => {
    const tenant = await newTenant();
    await receipt(tenant, 'r-take', [
      ['A', 6],
      ['B', 2],
    ]);
    const inputs = [
      incoming('take-old', [['A', 2]], { createdAt: at(1) }),
      incoming('take-mid', [['A', 2]], { createdAt: at(2) }),
      incoming(
        'take-new',
        [
          ['A', 1],
          ['B', 2],
        ],
        { createdAt: at(3), policyOverride: { onShortage: 'holdAll' } },
      ),
      incoming('take-picking', [['A', 1]], { createdAt: at(4) }),
    ];
    await intakeAll(tenant, inputs);
    await startFulfilment(
      harness.ports,
      { tenantId: tenant, eventId: 'evt-pick', actor: { kind: 'warehouse', id: 'wms' } },
      { orderId: 'take-picking' },
    );
    await adjustment(tenant, 'adj-down', [['A', -3]]);

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(levelOf(state, 'A')).toEqual([3, 3]);
    // The newest gives back its A and, holding nothing while short, its B too; the picking order keeps its unit.
    expect(orderOf(state, 'take-new')).toMatchObject({
      status: 'AwaitingStock',
      lines: [{ allocated: 0 }, { allocated: 0 }],
    });
    expect(orderOf(state, 'take-mid')).toMatchObject({ status: 'AwaitingStock', lines: [{ allocated: 0 }] });
    expect(orderOf(state, 'take-old')).toMatchObject({ status: 'ReadyToPick', lines: [{ allocated: 2 }] });
    expect(orderOf(state, 'take-picking')).toMatchObject({
      status: 'InFulfilment',
      lines: [{ allocated: 1 }],
    });
    expect(levelOf(state, 'B')).toEqual([2, 0]);
    expect(eventTypesOf(state, 'take-mid').at(-1)).toEqual(['Order Awaiting Stock', 'Allocation Changed']);
    expect(historyOf(state, 'take-mid').at(-1)?.actions).toEqual(['allocationTakenBack']);
  });

  it('down below what orders in fulfilment hold is refused and changes nothing', async () => {
    const tenant = await newTenant();
    await receipt(tenant, 'r-locked', [['A', 2]]);
    const inputs = [incoming('locked-1', [['A', 2]])];
    await intakeAll(tenant, inputs);
    await startFulfilment(
      harness.ports,
      { tenantId: tenant, eventId: 'evt-pick-locked', actor: { kind: 'warehouse', id: 'wms' } },
      { orderId: 'locked-1' },
    );
    const before = await readChecked(harness, tenant);

    await expect(adjustment(tenant, 'adj-locked', [['A', -1]])).rejects.toBeInstanceOf(StockConflictError);
    const after = await readChecked(harness, tenant, originalsOf(inputs));
    expect(after.items).toHaveLength(before.items.length);
    expect(levelOf(after, 'A')).toEqual([2, 2]);
  });

  it('is applied once however often it is delivered', async () => {
    const tenant = await newTenant();
    await receipt(tenant, 'r-adj-once', [['A', 5]]);
    await adjustment(tenant, 'adj-once', [['A', -2]]);
    const again = await adjustment(tenant, 'adj-once', [['A', -2]]);

    expect(again).toEqual({ kind: 'duplicate', key: 'adjustment#main#adj-once' });
    const state = await readChecked(harness, tenant);
    expect(levelOf(state, 'A')).toEqual([3, 0]);
  });
});
