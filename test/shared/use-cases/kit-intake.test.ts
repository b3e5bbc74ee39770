import { DynamoDbKitStore } from '../../../shared/adapters/dynamodb/dynamodb-kit-store.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import { levelOf, orderOf, readChecked } from '../../support/stored-state.js';
import { tenantPerTest } from '../../support/tenant-per-test.js';

const NOW = '2026-11-28T10:00:00.000Z';

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('kit-intake', () => NOW);
}, 60_000);
afterAll(() => harness.drop());

const newTenant = tenantPerTest('kit', () => harness);

const defineKit = (tenant: string) =>
  new DynamoDbKitStore(harness.tables.client, harness.tables.tableName).writeKits(
    tenant,
    {
      K: [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 1 },
      ],
    },
    0,
    { by: { kind: 'person', id: 'ops' }, at: NOW },
  );

describe('kits through persistence (DESIGN §14)', () => {
  it('an order for 2 kits of K (2 × A + 1 × B) with A = 4, B = 1 holds one kit; a receipt of B completes it', async () => {
    const tenant = await newTenant();
    expect(await defineKit(tenant)).toBe(true);
    await receiveStockLines(harness.ports, tenant, 'r0', [
      ['A', 4],
      ['B', 1],
    ]);
    await receiveOrder(harness.ports, tenant, incoming('O', [['K', 2]]), 'evt-O');

    let state = await readChecked(harness, tenant);
    expect(orderOf(state, 'O')).toMatchObject({
      status: 'AwaitingStock',
      lines: [
        { lineId: '1/A', sku: 'A', quantity: 4, allocated: 2, kitLineId: '1', kitSku: 'K', perKit: 2 },
        { lineId: '1/B', sku: 'B', quantity: 2, allocated: 1, kitLineId: '1', kitSku: 'K', perKit: 1 },
      ],
    });
    // Stock is kept per component: the kit SKU has no level of its own.
    expect([levelOf(state, 'A'), levelOf(state, 'B'), levelOf(state, 'K')]).toEqual([
      [4, 2],
      [1, 1],
      [0, 0],
    ]);
    expect(state.stock.map((level) => level.sku).sort()).toEqual(['A', 'B']);

    await receiveStockLines(harness.ports, tenant, 'r1', [['B', 1]]);
    state = await readChecked(harness, tenant);
    expect(orderOf(state, 'O')).toMatchObject({
      status: 'ReadyToPick',
      lines: [{ allocated: 4 }, { allocated: 2 }],
    });
    expect([levelOf(state, 'A'), levelOf(state, 'B')]).toEqual([
      [4, 4],
      [2, 2],
    ]);
  });
});
