import { DynamoDbBackorderRepository } from '../../../shared/adapters/dynamodb/dynamodb-backorder-repository.js';
import { DynamoDbKitStore } from '../../../shared/adapters/dynamodb/dynamodb-kit-store.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { AllocationPorts } from '../../../shared/use-cases/ports.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import { levelOf, orderOf, readChecked } from '../../support/stored-state.js';
import { tenantPerTest } from '../../support/tenant-per-test.js';

/**
 * Intake as a running function takes it: policies and kits cached between batches (the harness's
 * own repository caches neither), requests counted on the harness's client.
 */
const NOW = '2026-11-28T10:00:00.000Z';

let harness: RepositoryHarness;
let cached: AllocationPorts;
beforeAll(async () => {
  harness = await createRepositoryHarness('receive-orders-kit-cache', () => NOW);
  cached = {
    repository: new DynamoDbBackorderRepository({
      client: harness.tables.client,
      tableName: harness.tables.tableName,
    }),
    clock: () => NOW,
    sleep: async () => undefined,
  };
}, 60_000);
afterAll(() => harness.drop());

const newTenant = tenantPerTest('kc', () => harness);

const receive = (tenant: string, input: IncomingOrder) =>
  receiveOrders(cached, tenant, [{ input, eventId: `evt-${input.orderId}` }]);

describe('a batch with the kits cached', () => {
  it('costs one request for one uncontended order: the kits and policies are not read again', async () => {
    const tenant = await newTenant();
    await receiveStockLines(harness.ports, tenant, 'r0', [['A', 10]]);
    await receive(tenant, incoming('warm', [['A', 1]]));

    harness.resetTally();
    const [result] = await receive(tenant, incoming('one', [['A', 2]]));

    expect(result?.kind).toBe('accepted');
    expect(harness.tally.byOperation).toEqual({ TransactWriteItems: 1 });
    expect(harness.tally.requests).toBe(1);
    expect(levelOf(await readChecked(harness, tenant), 'A')).toEqual([10, 3]);
  });

  it('still expands an order naming a kit defined a moment before, after the cached kits knew none', async () => {
    const tenant = await newTenant();
    await receiveStockLines(harness.ports, tenant, 'r0', [
      ['A', 10],
      ['B', 10],
    ]);
    // The cache now holds the tenant's kits as they were: none.
    await receive(tenant, incoming('before', [['A', 1]]));
    const kits = new DynamoDbKitStore(harness.tables.client, harness.tables.tableName);
    const defined = await kits.writeKits(
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
    expect(defined).toBe(true);

    const order = incoming('kit-order', [['K', 3]]);
    const [result] = await receive(tenant, order);

    expect(result?.kind).toBe('accepted');
    const state = await readChecked(harness, tenant);
    expect(orderOf(state, 'kit-order')).toMatchObject({
      status: 'ReadyToPick',
      lines: [
        { lineId: '1/A', sku: 'A', quantity: 6, allocated: 6, kitSku: 'K' },
        { lineId: '1/B', sku: 'B', quantity: 3, allocated: 3, kitSku: 'K' },
      ],
    });
    // The kit SKU was never given a stock level of its own.
    expect(state.stock.map((level) => level.sku).sort()).toEqual(['A', 'B']);
    expect([levelOf(state, 'A'), levelOf(state, 'B')]).toEqual([
      [10, 7],
      [10, 3],
    ]);
  });
});
