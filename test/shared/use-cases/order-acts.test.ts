import {
  InsufficientStockError,
  InvalidTransitionError,
  OrderNotFoundError,
} from '../../../shared/domain/errors.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import {
  allocateByHand,
  cancelByHand,
  cancelFromChannel,
  dispatchOrder,
  expireSplitDelay,
  holdOrder,
  type Request,
  releaseOrder,
  splitByHand,
  startFulfilment,
  unholdOrder,
  updateFromChannel,
} from '../../../shared/use-cases/order-acts.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { inboundSupply, incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import {
  eventTypesOf,
  historyOf,
  levelOf,
  orderOf,
  originalsOf,
  readChecked,
  type StoredState,
} from '../../support/stored-state.js';
import { tenantPerTest } from '../../support/tenant-per-test.js';

const START = '2026-11-28T10:00:00.000Z';
let now = START;

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('order-acts', () => now);
}, 60_000);
afterAll(() => harness.drop());
beforeEach(() => {
  now = START;
});

const newTenant = tenantPerTest('oa', () => harness);

const at = (minute: number) => `2026-11-28T09:${String(minute).padStart(2, '0')}:00.000Z`;
const OPERATOR = { kind: 'person', id: 'ops@example.com' } as const;
let requestCount = 0;
const byHand = (tenantId: string, idempotencyKey?: string): Request => ({
  tenantId,
  eventId: `req-${++requestCount}`,
  actor: OPERATOR,
  ...(idempotencyKey ? { idempotencyKey } : {}),
});
const fromWarehouse = (tenantId: string): Request => ({
  tenantId,
  eventId: `wms-${++requestCount}`,
  actor: { kind: 'warehouse', id: 'wms' },
});
const fromChannel = (tenantId: string): Request => ({
  tenantId,
  eventId: `chan-${++requestCount}`,
  actor: { kind: 'channel', id: 'shopify' },
});

const receipt = (tenant: string, receiptId: string, lines: Array<[sku: string, quantity: number]>) =>
  receiveStockLines(harness.ports, tenant, receiptId, lines);

/** Stock first, then the orders one by one: the usual start of every test here. */
const given = async (
  tenant: string,
  stock: Array<[sku: string, quantity: number]>,
  inputs: IncomingOrder[],
): Promise<IncomingOrder[]> => {
  if (stock.length > 0) await receipt(tenant, `stock-${tenant}`, stock);
  for (const input of inputs) await receiveOrder(harness.ports, tenant, input, `evt-${input.orderId}`);
  return inputs;
};

const unchanged = async (tenant: string, before: StoredState) => {
  const after = await readChecked(harness, tenant);
  expect(after.items).toEqual(expect.arrayContaining(before.items));
  expect(after.items).toHaveLength(before.items.length);
};

describe('allocating by hand', () => {
  it('moves free stock onto a waiting order and records who did it and why', async () => {
    const tenant = await newTenant({ tenant: { autoAllocate: false } });
    const inputs = await given(
      tenant,
      [],
      [
        incoming('hand-1', [
          ['A', 3],
          ['B', 1],
        ]),
      ],
    );
    await receipt(tenant, 'r-hand', [
      ['A', 3],
      ['B', 1],
    ]);
    const outcome = await allocateByHand(harness.ports, byHand(tenant), {
      orderId: 'hand-1',
      reason: 'VIP customer',
      lines: [
        { lineId: '1', quantity: 3 },
        { lineId: '2', quantity: 1 },
      ],
    });

    expect(outcome.kind).toBe('applied');
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'hand-1')).toMatchObject({ status: 'ReadyToPick', fillable: false });
    expect(levelOf(state, 'A')).toEqual([3, 3]);
    expect(state.waits).toEqual([]);
    expect(historyOf(state, 'hand-1').at(-1)).toMatchObject({
      actions: ['allocated'],
      actor: OPERATOR,
      statusBefore: 'AwaitingStock',
      statusAfter: 'ReadyToPick',
    });
    expect(historyOf(state, 'hand-1').at(-1)?.reasons.join(' ')).toMatch(
      /person ops@example.com: VIP customer/,
    );
    expect(eventTypesOf(state, 'hand-1').at(-1)).toEqual(['Backorder Fulfilled', 'Allocation Changed']);
  });

  it('is refused when the stock is not free, and changes nothing', async () => {
    const tenant = await newTenant();
    await given(tenant, [['A', 1]], [incoming('first', [['A', 1]]), incoming('short', [['A', 2]])]);
    const before = await readChecked(harness, tenant);

    await expect(
      allocateByHand(harness.ports, byHand(tenant), {
        orderId: 'short',
        reason: 'try',
        lines: [{ lineId: '1', quantity: 1 }],
      }),
    ).rejects.toBeInstanceOf(InsufficientStockError);
    await expect(
      allocateByHand(harness.ports, byHand(tenant), {
        orderId: 'nowhere',
        reason: 'try',
        lines: [{ lineId: '1', quantity: 1 }],
      }),
    ).rejects.toBeInstanceOf(OrderNotFoundError);
    await unchanged(tenant, before);
  });

  it('is applied once per request id', async () => {
    const tenant = await newTenant();
    const inputs = await given(tenant, [], [incoming('twice', [['A', 4]])]);
    await receipt(tenant, 'r-twice', [['A', 2]]);
    await receipt(tenant, 'r-twice-more', [['A', 2]]);
    // Everything was served automatically; give one unit back to allocate it by hand.
    await releaseOrder(harness.ports, byHand(tenant), { orderId: 'twice', reason: 'recount' });
    const act = { orderId: 'twice', reason: 'recount done', lines: [{ lineId: '1', quantity: 1 }] };
    const first = await allocateByHand(harness.ports, byHand(tenant, 'req-twice'), act);
    const second = await allocateByHand(harness.ports, byHand(tenant, 'req-twice'), act);

    expect(first.kind).toBe('applied');
    expect(second).toEqual({ kind: 'duplicate', key: 'req-twice' });
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'twice').lines[0]?.allocated).toBe(1);
  });
});

describe('releasing, holding and unholding', () => {
  it('release gives an order’s stock to the next waiting order, not back to itself', async () => {
    const tenant = await newTenant();
    const inputs = await given(
      tenant,
      [['A', 2]],
      [
        incoming('rel-1', [['A', 2]], { createdAt: at(1) }),
        incoming('rel-2', [['A', 2]], { createdAt: at(2) }),
      ],
    );
    await releaseOrder(harness.ports, byHand(tenant), { orderId: 'rel-1', reason: 'customer asked to wait' });

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'rel-1')).toMatchObject({ status: 'AwaitingStock', lines: [{ allocated: 0 }] });
    expect(orderOf(state, 'rel-2')).toMatchObject({ status: 'ReadyToPick', lines: [{ allocated: 2 }] });
    expect(historyOf(state, 'rel-1').at(-1)?.actions).toEqual(['released']);
    expect(eventTypesOf(state, 'rel-1').at(-1)).toEqual(['Order Awaiting Stock', 'Allocation Changed']);
    expect(eventTypesOf(state, 'rel-2').at(-1)).toEqual(['Backorder Fulfilled', 'Allocation Changed']);
    expect(state.waits.map((wait) => wait.orderId)).toEqual(['rel-1']);
  });

  it('a held order keeps its stock, leaves its queues and receives nothing until unheld', async () => {
    const tenant = await newTenant();
    const inputs = await given(
      tenant,
      [['A', 1]],
      [
        incoming('held', [['A', 3]], { createdAt: at(1) }),
        incoming('behind', [['A', 1]], { createdAt: at(2) }),
      ],
    );
    await holdOrder(harness.ports, byHand(tenant), { orderId: 'held', reason: 'address check' });
    await receipt(tenant, 'r-held', [['A', 1]]);

    let state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'held')).toMatchObject({ status: 'OnHold', lines: [{ allocated: 1 }] });
    expect(orderOf(state, 'behind').status).toBe('ReadyToPick');
    expect(state.waits).toEqual([]);
    expect(historyOf(state, 'held').at(-1)?.actions).toEqual(['held']);

    await receipt(tenant, 'r-held-2', [['A', 1]]);
    await unholdOrder(harness.ports, byHand(tenant), { orderId: 'held', reason: 'address fine' });
    state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'held')).toMatchObject({ status: 'AwaitingStock', lines: [{ allocated: 2 }] });
    expect(historyOf(state, 'held').at(-1)?.actions).toEqual(['unheld', 'allocated']);
    expect(eventTypesOf(state, 'held').at(-1)).toEqual(['Order Awaiting Stock', 'Allocation Changed']);
    expect(levelOf(state, 'A')).toEqual([3, 3]);
  });

  it('refuses to hold an order that is already picking', async () => {
    const tenant = await newTenant();
    await given(tenant, [['A', 1]], [incoming('picking', [['A', 1]])]);
    await startFulfilment(harness.ports, fromWarehouse(tenant), { orderId: 'picking' });
    await expect(
      holdOrder(harness.ports, byHand(tenant), { orderId: 'picking', reason: 'too late' }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });
});

describe('splitting by hand', () => {
  it('ships what the order holds and moves the rest to a linked backorder in the same partition', async () => {
    const tenant = await newTenant();
    const inputs = await given(
      tenant,
      [['A', 2]],
      [
        incoming('hsplit', [
          ['A', 5],
          ['B', 1],
        ]),
      ],
    );
    await splitByHand(harness.ports, byHand(tenant), { orderId: 'hsplit', reason: 'ship the mugs now' });

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'hsplit')).toMatchObject({
      status: 'ReadyToPick',
      backorderIds: ['hsplit-BO1'],
      lines: [{ lineId: '1', quantity: 2, allocated: 2 }],
    });
    expect(orderOf(state, 'hsplit-BO1')).toMatchObject({
      status: 'AwaitingStock',
      lines: [
        { lineId: '1', quantity: 3, allocated: 0 },
        { lineId: '2', quantity: 1, allocated: 0 },
      ],
    });
    expect(state.waits.map((wait) => `${wait.orderId}:${wait.sku}`).sort()).toEqual([
      'hsplit-BO1:A',
      'hsplit-BO1:B',
    ]);
    expect(eventTypesOf(state, 'hsplit').at(-1)).toEqual(['Order Split', 'Backorder Fulfilled']);
    expect(historyOf(state, 'hsplit-BO1')[0]?.actor).toEqual(OPERATOR);
  });
});

describe('cancelling', () => {
  it('by hand frees the stock for the waiting orders; a second cancel changes nothing', async () => {
    const tenant = await newTenant();
    const inputs = await given(
      tenant,
      [['A', 3]],
      [
        incoming('can-1', [['A', 3]], { createdAt: at(1) }),
        incoming('can-2', [['A', 2]], { createdAt: at(2) }),
      ],
    );
    await cancelByHand(harness.ports, byHand(tenant), { orderId: 'can-1', reason: 'fraud' });
    const before = await readChecked(harness, tenant, originalsOf(inputs));
    await cancelByHand(harness.ports, byHand(tenant), { orderId: 'can-1', reason: 'fraud' });

    await unchanged(tenant, before);
    expect(orderOf(before, 'can-1')).toMatchObject({ status: 'Cancelled', lines: [{ allocated: 0 }] });
    expect(orderOf(before, 'can-2')).toMatchObject({ status: 'ReadyToPick', lines: [{ allocated: 2 }] });
    expect(levelOf(before, 'A')).toEqual([3, 2]);
    expect(historyOf(before, 'can-1').at(-1)).toMatchObject({ actions: ['cancelled'], actor: OPERATOR });
    expect(eventTypesOf(before, 'can-1').at(-1)).toEqual(['Allocation Changed']);
  });

  it('by the channel cancels every open order of a split family, leaving what is picking', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split', mergeSiblings: false } });
    const inputs = await given(
      tenant,
      [['A', 2]],
      [
        incoming('fam', [['A', 5]], { createdAt: at(1) }),
        incoming('other', [['A', 1]], { createdAt: at(2) }),
      ],
    );
    await receipt(tenant, 'r-fam', [['A', 1]]);
    // fam ships 2; fam-BO1 got 1 and split again: fam-BO1 ships 1, fam-BO2 waits for 2.
    await startFulfilment(harness.ports, fromWarehouse(tenant), { orderId: 'fam-BO1' });
    await cancelFromChannel(harness.ports, fromChannel(tenant), { orderId: 'fam', reason: 'customer' });

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'fam')).toMatchObject({ status: 'Cancelled', lines: [{ allocated: 0 }] });
    expect(orderOf(state, 'fam-BO1')).toMatchObject({ status: 'InFulfilment', lines: [{ allocated: 1 }] });
    expect(orderOf(state, 'fam-BO2').status).toBe('Cancelled');
    expect(orderOf(state, 'other')).toMatchObject({ status: 'ReadyToPick', lines: [{ allocated: 1 }] });
    expect(levelOf(state, 'A')).toEqual([3, 2]);
    expect(historyOf(state, 'fam').at(-1)?.reasons.join(' ')).toMatch(/Cancelled by the channel: customer/);
  });
});

describe('a channel update', () => {
  it('frees units no longer needed, takes new needs from free stock, and serves the queue', async () => {
    const tenant = await newTenant();
    await given(
      tenant,
      [
        ['A', 4],
        ['C', 1],
      ],
      [
        incoming(
          'upd',
          [
            ['A', 4],
            ['B', 1],
          ],
          { createdAt: at(1) },
        ),
        incoming('upd-wait', [['A', 2]], { createdAt: at(2) }),
      ],
    );
    await updateFromChannel(harness.ports, fromChannel(tenant), {
      orderId: 'upd',
      lines: [
        { lineId: '1', sku: 'A', quantity: 2 },
        { lineId: '3', sku: 'C', quantity: 1 },
      ],
    });

    const state = await readChecked(harness, tenant);
    expect(orderOf(state, 'upd')).toMatchObject({
      status: 'ReadyToPick',
      lines: [
        { lineId: '1', sku: 'A', quantity: 2, allocated: 2 },
        { lineId: '3', sku: 'C', quantity: 1, allocated: 1 },
      ],
    });
    expect(orderOf(state, 'upd-wait')).toMatchObject({ status: 'ReadyToPick', lines: [{ allocated: 2 }] });
    expect(levelOf(state, 'A')).toEqual([4, 4]);
    expect(levelOf(state, 'C')).toEqual([1, 1]);
    expect(state.waits).toEqual([]);
    expect(historyOf(state, 'upd').at(-1)?.actions).toEqual(['updated']);
    expect(eventTypesOf(state, 'upd').at(-1)).toEqual(['Backorder Fulfilled', 'Allocation Changed']);
  });

  it('to an order that has been split applies to its family: the waiting backorder gives first', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split' } });
    await given(tenant, [['A', 1]], [incoming('upd-split', [['A', 3]])]);
    await updateFromChannel(harness.ports, fromChannel(tenant), {
      orderId: 'upd-split',
      lines: [{ lineId: '1', sku: 'A', quantity: 1 }],
    });
    const state = await readChecked(harness, tenant, new Map([['upd-split', new Map([['1', 1]])]]));
    expect(orderOf(state, 'upd-split')).toMatchObject({
      status: 'ReadyToPick',
      lines: [{ quantity: 1, allocated: 1 }],
    });
    expect(orderOf(state, 'upd-split-BO1')).toMatchObject({ status: 'Cancelled', lines: [] });
    expect(state.waits).toEqual([]);
  });
});

describe('fulfilment and dispatch', () => {
  it('locks the allocation while picking, then turns it into a stock movement', async () => {
    const tenant = await newTenant();
    const inputs = await given(
      tenant,
      [['A', 5]],
      [
        incoming('ship', [
          ['A', 3],
          [null, 1],
        ]),
      ],
    );
    await startFulfilment(harness.ports, fromWarehouse(tenant), { orderId: 'ship' });
    await startFulfilment(harness.ports, fromWarehouse(tenant), { orderId: 'ship' });
    let state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'ship')).toMatchObject({ status: 'InFulfilment', version: 2 });
    expect(eventTypesOf(state, 'ship').at(-1)).toEqual([]);

    await dispatchOrder(harness.ports, fromWarehouse(tenant), { orderId: 'ship' });
    await dispatchOrder(harness.ports, fromWarehouse(tenant), { orderId: 'ship' });
    state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'ship')).toMatchObject({
      status: 'Dispatched',
      version: 3,
      lines: [
        { allocated: 0, shipped: 3 },
        { allocated: 0, shipped: 1 },
      ],
    });
    expect(levelOf(state, 'A')).toEqual([2, 0]);
    expect(historyOf(state, 'ship').at(-1)).toMatchObject({
      actions: ['dispatched'],
      statusAfter: 'Dispatched',
    });
    expect(eventTypesOf(state, 'ship').at(-1)).toEqual(['Allocation Changed']);
  });

  it('a short dispatch frees the difference for the waiting orders', async () => {
    const tenant = await newTenant();
    const inputs = await given(
      tenant,
      [['A', 3]],
      [
        incoming('short-ship', [['A', 3]], { createdAt: at(1) }),
        incoming('next', [['A', 1]], { createdAt: at(2) }),
      ],
    );
    await dispatchOrder(harness.ports, fromWarehouse(tenant), {
      orderId: 'short-ship',
      lines: [{ lineId: '1', quantity: 2 }],
    });

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'short-ship')).toMatchObject({
      status: 'Dispatched',
      lines: [{ allocated: 0, shipped: 2 }],
    });
    expect(orderOf(state, 'next')).toMatchObject({ status: 'ReadyToPick', lines: [{ allocated: 1 }] });
    expect(levelOf(state, 'A')).toEqual([1, 1]);
    expect(historyOf(state, 'short-ship').at(-1)?.reasons.join(' ')).toMatch(/Dispatched short/);
  });

  it('refuses to dispatch an order that is still waiting', async () => {
    const tenant = await newTenant();
    await given(tenant, [], [incoming('not-yet', [['A', 1]])]);
    await expect(
      dispatchOrder(harness.ports, fromWarehouse(tenant), { orderId: 'not-yet' }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });
});

describe('a split delay that passes', () => {
  const delayed = async (tenant: string, inputs: IncomingOrder[], onHand: number) => {
    await harness.addInbound({ ...inboundSupply('A', 10, '2026-11-30T00:00:00.000Z'), tenantId: tenant });
    return given(tenant, [['A', onHand]], inputs);
  };

  it('does nothing before it is due', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split', splitDelayDays: 2 } });
    await delayed(tenant, [incoming('early', [['A', 5]])], 2);
    const before = await readChecked(harness, tenant);
    now = '2026-11-30T09:59:59.000Z';
    await expireSplitDelay(harness.ports, tenant, 'early', 'sweep-early');
    await unchanged(tenant, before);
    expect(orderOf(before, 'early').splitDueAt).toBe('2026-11-30T10:00:00.000Z');
  });

  it('splits the order when the inbound stock did not come in time', async () => {
    const tenant = await newTenant({ tenant: { onShortage: 'split', splitDelayDays: 2 } });
    const inputs = await delayed(tenant, [incoming('late', [['A', 5]])], 2);
    now = '2026-11-30T10:00:00.000Z';
    await expireSplitDelay(harness.ports, tenant, 'late', 'sweep-late');
    await expireSplitDelay(harness.ports, tenant, 'late', 'sweep-late');

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'late')).toMatchObject({
      status: 'ReadyToPick',
      backorderIds: ['late-BO1'],
      lines: [{ quantity: 2, allocated: 2 }],
    });
    expect(orderOf(state, 'late').splitDueAt).toBeUndefined();
    expect(orderOf(state, 'late-BO1')).toMatchObject({ status: 'AwaitingStock', lines: [{ quantity: 3 }] });
    expect(historyOf(state, 'late').at(-1)).toMatchObject({
      actions: ['splitDelayExpired', 'split'],
      actor: { kind: 'system', id: 'allocator' },
      at: now,
    });
    const item = state.items.find(
      (candidate) => candidate.entity === 'order' && candidate.orderId === 'late',
    );
    expect(item).not.toHaveProperty('timerPk');
  });

  it('does not split when the missing stock came in meanwhile', async () => {
    const tenant = await newTenant({
      tenant: { onShortage: 'split', splitDelayDays: 2, autoAllocate: false },
    });
    const inputs = await delayed(tenant, [incoming('came', [['A', 5]])], 2);
    await receipt(tenant, 'r-came', [['A', 3]]);
    now = '2026-12-01T00:00:00.000Z';
    await expireSplitDelay(harness.ports, tenant, 'came', 'sweep-came');

    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(orderOf(state, 'came').backorderIds).toEqual([]);
    expect(historyOf(state, 'came').at(-1)?.actions).toContain('splitDelayExpired');
  });
});
