import { DynamoDbSweepSource } from '../../../../shared/adapters/dynamodb/dynamodb-sweep-source.js';
import type { AllocationPorts } from '../../../../shared/use-cases/ports.js';
import { receiveOrders } from '../../../../shared/use-cases/receive-orders.js';
import { receiveStock } from '../../../../shared/use-cases/receive-stock.js';
import { incoming } from '../../../support/engine-fixtures.js';
import type { FaultInjector } from '../../../support/fault-injector.js';
import { createFaultyRepository, type FaultyRepository } from '../../../support/faulty-repository.js';
import type { RepositoryHarness } from '../../../support/repository-harness.js';
import { levelOf, readChecked } from '../../../support/stored-state.js';

/**
 * DESIGN §11 (applied once): a receipt cut off between its chunks keeps the stock its landed
 * chunks received, even once others have allocated it; the redelivery applies only the rest.
 */
let harness: RepositoryHarness;
let faults: FaultInjector;
let ports: AllocationPorts;
let clock: FaultyRepository['clock'];
beforeAll(async () => {
  ({ harness, faults, ports, clock } = await createFaultyRepository('oversized-adoption'));
}, 60_000);
afterAll(() => harness.drop());
afterEach(() => faults.revive());

const TRANSACT = 'TransactWriteItemsCommand';
const skus = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
const receipt = (names: string[]) => ({
  receiptId: 'r1',
  warehouseId: 'main',
  lines: names.map((sku) => ({ sku, quantity: 1 })),
});
const takeOne = (tenant: string, sku: string) =>
  receiveOrders(ports, tenant, [{ input: incoming(`take-${sku}`, [[sku, 1]]), eventId: `evt-take-${sku}` }]);
const sweepReservations = async () => {
  const source = new DynamoDbSweepSource(harness.tables.client, harness.tables.tableName);
  const { entries: timers } = await source.dueTimers(new Date(clock.nowMs).toISOString(), 1000);
  for (const timer of timers) {
    // A reservation whose stock is taken cannot be given back: the sweep fails it and moves on.
    if (timer.kind === 'reservation') await source.undoReservation(timer).catch(() => undefined);
  }
};

describe('a receipt that died between its chunks while another order took what its first chunk received', () => {
  it('is applied exactly once by its redelivery, keeping the stock that was taken', async () => {
    const tenant = 'adopt-retry';
    const names = skus(150, 'AR');
    faults.at(TRANSACT, 2, 'crash');
    await expect(receiveStock(ports, tenant, receipt(names), 'evt-r1')).rejects.toThrow(/died/);
    faults.revive();
    await takeOne(tenant, 'AR-0');

    clock.nowMs += 60_000;
    const outcome = await receiveStock(ports, tenant, receipt(names), 'evt-r1');

    expect(outcome.kind).toBe('applied');
    const state = await readChecked(harness, tenant);
    expect(levelOf(state, 'AR-0')).toEqual([1, 1]);
    for (const sku of names.slice(1)) expect(levelOf(state, sku)).toEqual([1, 0]);
    expect((await receiveStock(ports, tenant, receipt(names), 'evt-r1')).kind).toBe('duplicate');
  });

  it('is applied exactly once when the sweep ran first and could give back only some chunks', async () => {
    const tenant = 'adopt-swept';
    const names = skus(250, 'AS');
    faults.at(TRANSACT, 3, 'crash');
    await expect(receiveStock(ports, tenant, receipt(names), 'evt-r1')).rejects.toThrow(/died/);
    faults.revive();
    // The second chunk's stock is taken: it cannot be given back, the first chunk's could.
    await takeOne(tenant, 'AS-150');

    clock.nowMs += 10 * 60_000;
    await sweepReservations();
    const outcome = await receiveStock(ports, tenant, receipt(names), 'evt-r1');

    expect(outcome.kind).toBe('applied');
    const state = await readChecked(harness, tenant);
    expect(levelOf(state, 'AS-150')).toEqual([1, 1]);
    for (const sku of names.filter((name) => name !== 'AS-150')) expect(levelOf(state, sku)).toEqual([1, 0]);
  });
});
