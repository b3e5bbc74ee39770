import { startFulfilment } from '../../../shared/use-cases/order-acts.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import { historyOf, levelOf, orderOf, originalsOf, readChecked } from '../../support/stored-state.js';
import { tenantPerTest } from '../../support/tenant-per-test.js';

const NOW = '2026-11-28T10:00:00.000Z';

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('merge-siblings', () => NOW);
}, 60_000);
afterAll(() => harness.drop());

const newTenant = tenantPerTest('ms', () => harness);
const receipt = (tenant: string, receiptId: string, quantity: number) =>
  receiveStockLines(harness.ports, tenant, receiptId, [['MUG-1', quantity]]);
const fromWarehouse = (tenantId: string) => ({
  tenantId,
  eventId: 'evt-pick',
  actor: { kind: 'warehouse', id: 'wms' } as const,
});

/** shopify-1001 asks for 5 × MUG-1 with 3 on hand: it ships 3, shopify-1001-BO1 waits for 2. */
const splitFamily = async (policy: Record<string, unknown> = {}) => {
  const tenant = await newTenant({ tenant: { onShortage: 'split', ...policy } });
  await receipt(tenant, 'r-first', 3);
  const input = incoming('shopify-1001', [['MUG-1', 5]]);
  await receiveOrder(harness.ports, tenant, input, 'evt-order');
  return { tenant, originals: originalsOf([input]) };
};

describe('merge siblings, stored (DESIGN §14)', () => {
  it('the rest arrives before picking: the backorder merges into its parent, one shipment', async () => {
    const { tenant, originals } = await splitFamily();
    await receipt(tenant, 'r-second', 4);

    const state = await readChecked(harness, tenant, originals);
    expect(orderOf(state, 'shopify-1001')).toMatchObject({
      status: 'ReadyToPick',
      lines: [{ quantity: 5, allocated: 5 }],
    });
    expect(orderOf(state, 'shopify-1001-BO1')).toMatchObject({
      status: 'Merged',
      lines: [{ quantity: 0, allocated: 0 }],
    });
    expect(levelOf(state, 'MUG-1')).toEqual([7, 5]);
    expect(historyOf(state, 'shopify-1001').at(-1)?.actions).toEqual(['merged']);
    const events = state.historyItems.flatMap(
      (item) => (item.events ?? []) as Array<{ detailType: string; detail: Record<string, unknown> }>,
    );
    expect(events.find((event) => event.detailType === 'Orders Merged')?.detail).toMatchObject({
      orderId: 'shopify-1001',
      mergedId: 'shopify-1001-BO1',
    });
  });

  it.each([
    ['mergeSiblings is off', { mergeSiblings: false }, false],
    ['the parent is being picked', {}, true],
  ])('no merge when %s', async (_, policy, picking) => {
    const { tenant, originals } = await splitFamily(policy);
    if (picking) await startFulfilment(harness.ports, fromWarehouse(tenant), { orderId: 'shopify-1001' });
    await receipt(tenant, 'r-second', 4);

    const state = await readChecked(harness, tenant, originals);
    expect(orderOf(state, 'shopify-1001-BO1')).toMatchObject({
      status: 'ReadyToPick',
      lines: [{ allocated: 2 }],
    });
    expect(orderOf(state, 'shopify-1001').lines).toEqual([
      expect.objectContaining({ quantity: 3, allocated: 3 }),
    ]);
  });
});
