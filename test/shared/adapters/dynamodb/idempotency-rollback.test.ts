import { DynamoDbSweepSource } from '../../../../shared/adapters/dynamodb/dynamodb-sweep-source.js';
import type { IncomingOrder } from '../../../../shared/domain/inputs.js';
import type { AllocationPorts } from '../../../../shared/use-cases/ports.js';
import { receiveOrders } from '../../../../shared/use-cases/receive-orders.js';
import { receiveStock } from '../../../../shared/use-cases/receive-stock.js';
import { incoming } from '../../../support/engine-fixtures.js';
import type { FaultInjector } from '../../../support/fault-injector.js';
import { createFaultyRepository, type FaultyRepository } from '../../../support/faulty-repository.js';
import type { RepositoryHarness } from '../../../support/repository-harness.js';
import { levelOf, originalsOf, readChecked, reservationsOf } from '../../../support/stored-state.js';

/**
 * DESIGN §11: an idempotency key never outlives a decision that was rolled back or abandoned, and
 * a request whose work is incomplete is never answered `duplicate`.
 */
let harness: RepositoryHarness;
let faults: FaultInjector;
let ports: AllocationPorts;
let clock: FaultyRepository['clock'];
beforeAll(async () => {
  ({ harness, faults, ports, clock } = await createFaultyRepository('idempotency-rollback'));
}, 60_000);
afterAll(() => harness.drop());
afterEach(() => faults.revive());

const TRANSACT = 'TransactWriteItemsCommand';
const skus = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
const bigReceipt = (receiptId: string, names: string[]) => ({
  receiptId,
  warehouseId: 'main',
  lines: names.map((sku) => ({ sku, quantity: 1 })),
});
const waiting = (prefix: string, count: number, sku: string): IncomingOrder[] =>
  Array.from({ length: count }, (_, index) =>
    incoming(`${prefix}-${String(index).padStart(2, '0')}`, [[sku, 1]], {
      createdAt: `2026-11-28T09:${String(index).padStart(2, '0')}:00.000Z`,
    }),
  );

describe('a receipt of 150 SKUs (several transactions)', () => {
  it('is applied, not answered duplicate, when its second chunk loses a race', async () => {
    const tenant = 'rolled-back';
    const names = skus(150, 'RB');
    faults.at(TRANSACT, 2, 'conflict');

    const outcome = await receiveStock(ports, tenant, bigReceipt('r1', names), 'evt-r1');

    expect(outcome.kind).toBe('applied');
    const state = await readChecked(harness, tenant);
    for (const sku of names) expect(levelOf(state, sku)).toEqual([1, 0]);
  });

  it('is refused as in progress, never as a duplicate, while the attempt that died may still be running', async () => {
    const tenant = 'in-progress';
    const names = skus(150, 'IP');
    faults.at(TRANSACT, 2, 'crash');
    await expect(receiveStock(ports, tenant, bigReceipt('r1', names), 'evt-r1')).rejects.toThrow(/died/);
    faults.revive();

    await expect(receiveStock(ports, tenant, bigReceipt('r1', names), 'evt-r1')).rejects.toMatchObject({
      name: 'RequestInProgressError',
    });

    // Once the lease runs out, the redelivery takes over.
    clock.nowMs += 60_000;
    expect((await receiveStock(ports, tenant, bigReceipt('r1', names), 'evt-r1')).kind).toBe('applied');
    const state = await readChecked(harness, tenant);
    for (const sku of names) expect(levelOf(state, sku)).toEqual([1, 0]);
  });

  it('is applied in full when redelivered after the process died between its chunks', async () => {
    const tenant = 'crashed';
    const names = skus(150, 'CR');
    faults.at(TRANSACT, 2, 'crash');
    await expect(receiveStock(ports, tenant, bigReceipt('r1', names), 'evt-r1')).rejects.toThrow(/died/);
    faults.revive();
    expect(reservationsOf(await harness.readAll()).length).toBeGreaterThan(0);

    // Lambda's first asynchronous retry comes about a minute later.
    clock.nowMs += 60_000;
    const outcome = await receiveStock(ports, tenant, bigReceipt('r1', names), 'evt-r1');

    expect(outcome.kind).toBe('applied');
    const state = await readChecked(harness, tenant);
    for (const sku of names) expect(levelOf(state, sku)).toEqual([1, 0]);
    // And now it is a duplicate.
    expect((await receiveStock(ports, tenant, bigReceipt('r1', names), 'evt-r1')).kind).toBe('duplicate');
  });
  it('is applied in full when redelivered after the sweep undid what the dead attempt reserved', async () => {
    const tenant = 'swept';
    const names = skus(150, 'SW');
    faults.at(TRANSACT, 2, 'crash');
    await expect(receiveStock(ports, tenant, bigReceipt('r1', names), 'evt-r1')).rejects.toThrow(/died/);
    faults.revive();

    clock.nowMs += 10 * 60_000;
    const source = new DynamoDbSweepSource(harness.tables.client, harness.tables.tableName);
    const { entries: timers } = await source.dueTimers(new Date(clock.nowMs).toISOString(), 1000);
    for (const timer of timers) if (timer.kind === 'reservation') await source.undoReservation(timer);
    expect(reservationsOf(await harness.readAll())).toEqual([]);

    const outcome = await receiveStock(ports, tenant, bigReceipt('r1', names), 'evt-r1');

    expect(outcome.kind).toBe('applied');
    const state = await readChecked(harness, tenant);
    for (const sku of names) expect(levelOf(state, sku)).toEqual([1, 0]);
  });
});

describe('a receipt serving sixty waiting orders (several transactions)', () => {
  it('serves them all when redelivered after its second transaction was throttled', async () => {
    const tenant = 'throttled';
    const inputs = waiting('th', 60, 'T');
    await receiveOrders(
      ports,
      tenant,
      inputs.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
    );
    const receipt = { receiptId: 'big', warehouseId: 'main', lines: [{ sku: 'T', quantity: 60 }] };
    faults.at(TRANSACT, 2, 'throttle');
    await expect(receiveStock(ports, tenant, receipt, 'evt-big')).rejects.toThrow(/Rate of requests/);

    // The stock was received before: a duplicate, but not before its serving is finished.
    const outcome = await receiveStock(ports, tenant, receipt, 'evt-big');

    expect(outcome.kind).toBe('duplicate');
    const state = await readChecked(harness, tenant, originalsOf(inputs));
    expect(state.orders.every((order) => order.status === 'ReadyToPick')).toBe(true);
    expect(levelOf(state, 'T')).toEqual([60, 60]);
  });
});
