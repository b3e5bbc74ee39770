import { findInvariantViolations } from '../../../../shared/allocation/invariants.js';
import { receiveOrder } from '../../../../shared/use-cases/receive-order.js';
import { receiveStock } from '../../../../shared/use-cases/receive-stock.js';
import { incoming, TENANT } from '../../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('oversized-commit');
}, 60_000);
afterAll(() => harness.drop());

const skus = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

const stockFor = async (names: string[], quantity: number, receiptId: string) => {
  const lines = names.map((sku) => ({ sku, quantity }));
  // A receipt this large is itself too big for one transaction.
  await receiveStock(harness.ports, TENANT, { receiptId, warehouseId: 'main', lines }, `evt-${receiptId}`);
};

describe('a decision larger than one transaction', () => {
  it('commits a 150-line order whole: every line allocated, no reservation left behind', async () => {
    const names = skus(150, 'BIG');
    await stockFor(names, 2, 'r-big');
    const outcome = await receiveOrder(
      harness.ports,
      TENANT,
      incoming(
        'big-1',
        names.map((sku) => [sku, 2] as [string, number]),
      ),
      'evt-big-1',
    );
    expect(outcome.kind).toBe('accepted');
    const state = await harness.readAll();
    const order = state.orders.find((candidate) => candidate.orderId === 'big-1');
    expect(order?.status).toBe('ReadyToPick');
    expect(order?.lines.every((line) => line.allocated === 2)).toBe(true);
    expect(state.items.filter((item) => item.entity === 'reservation')).toEqual([]);
    expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  });

  it('re-decides a 150-line order when a late chunk finds its stock gone, leaving no partial allocation', async () => {
    const names = skus(150, 'MIX');
    await stockFor(names, 1, 'r-mix');
    // The order is decided assuming stock; the last SKUs are short, so later chunks fail and are undone.
    const lines = names.map((sku, index) => [sku, index >= 140 ? 3 : 1] as [string, number]);
    const outcome = await receiveOrder(harness.ports, TENANT, incoming('mix-1', lines), 'evt-mix-1');
    expect(outcome.kind).toBe('accepted');
    const state = await harness.readAll();
    const order = state.orders.find((candidate) => candidate.orderId === 'mix-1');
    expect(order?.status).toBe('AwaitingStock');
    expect(order?.lines.reduce((sum, line) => sum + line.allocated, 0)).toBe(150);
    expect(state.items.filter((item) => item.entity === 'reservation')).toEqual([]);
    expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  });

  it('commits an order short of 150 SKUs with a waiting item for each, and a receipt that serves it all', async () => {
    const names = skus(150, 'WAIT');
    const outcome = await receiveOrder(
      harness.ports,
      TENANT,
      incoming(
        'wait-1',
        names.map((sku) => [sku, 1] as [string, number]),
      ),
      'evt-wait-1',
    );
    expect(outcome.kind).toBe('accepted');
    let state = await harness.readAll();
    expect(state.orders.find((candidate) => candidate.orderId === 'wait-1')?.status).toBe('AwaitingStock');
    expect(state.waits.filter((wait) => wait.orderId === 'wait-1')).toHaveLength(150);

    await stockFor(names, 1, 'r-wait');
    state = await harness.readAll();
    expect(state.orders.find((candidate) => candidate.orderId === 'wait-1')?.status).toBe('ReadyToPick');
    expect(state.waits.filter((wait) => wait.orderId === 'wait-1')).toEqual([]);
    expect(state.items.filter((item) => item.entity === 'reservation')).toEqual([]);
    expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  });
});
