import type { Decision } from '../../../shared/allocation/decision.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { wireAdapters } from '../../../shared/runtime/adapters.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { receiveStock } from '../../../shared/use-cases/receive-stock.js';
import { runSweep } from '../../../shared/use-cases/run-sweep.js';
import { incoming } from '../../support/engine-fixtures.js';
import { type FaultInjector, injectFaults } from '../../support/fault-injector.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { levelOf, orderOf, originalsOf, readChecked } from '../../support/stored-state.js';
import { webhookTenant } from '../../support/webhook-requests.js';

/**
 * DESIGN §11 liveness: after one sweep with no new input, no order waits for a SKU whose stock is
 * available, whatever the backlog: the sweep finds such SKUs through an index, not by reading the
 * tenant's oldest waiting orders.
 */
let harness: RepositoryHarness;
let faults: FaultInjector;
let wiring: ReturnType<typeof wireAdapters>;
beforeAll(async () => {
  harness = await createRepositoryHarness('sweep-repair');
  faults = injectFaults(harness.tables.dynamodb);
  wiring = wireAdapters({
    documents: harness.tables.client,
    tableName: harness.tables.tableName,
    publisher: new InMemoryPublisher(),
  });
}, 60_000);
afterAll(() => harness.drop());

const waiting = (prefix: string, count: number, sku: string, hour: string): IncomingOrder[] =>
  Array.from({ length: count }, (_, index) =>
    incoming(`${prefix}-${String(index).padStart(2, '0')}`, [[sku, 1]], {
      createdAt: `2026-11-28T${hour}:${String(index).padStart(2, '0')}:00.000Z`,
    }),
  );

it('serves a SKU whose stock was freed and whose serving died, behind a backlog of older waiting orders', async () => {
  const tenant = 'backlog';
  await wiring.directory.saveTenant(webhookTenant(tenant));
  const older = waiting('old', 8, 'A', '08');
  // More than one transaction serves them: 60 orders and their history do not fit in one.
  const newer = waiting('new', 60, 'B', '09');
  await receiveOrders(
    wiring.allocation,
    tenant,
    [...older, ...newer].map((input) => ({ input, eventId: `evt-${input.orderId}` })),
  );
  // The receipt's stock lands in its first transaction; the process dies before it serves the rest,
  // and the event is never delivered again.
  faults.at('TransactWriteItemsCommand', 2, 'crash');
  await expect(
    receiveStock(
      wiring.allocation,
      tenant,
      { receiptId: 'lost', warehouseId: 'main', lines: [{ sku: 'B', quantity: 60 }] },
      'evt-lost',
    ),
  ).rejects.toThrow(/died/);
  faults.revive();

  // A limit smaller than the backlog of older waiting orders on another SKU.
  await runSweep(wiring, { outboxGraceMs: 0, intakeGraceMs: 0, limit: 5 });

  const state = await readChecked(harness, tenant, originalsOf([...older, ...newer]));
  for (const input of newer) expect(orderOf(state, input.orderId).status).toBe('ReadyToPick');
  expect(levelOf(state, 'B')).toEqual([60, 60]);
  // Served, so taken off the list: the next sweep reads nothing for it.
  expect(state.items.filter((item) => item.entity === 'stock' && item.timerPk !== undefined)).toEqual([]);
});

it('does not count an undo that failed as done, and undoes the reservation on the next sweep', async () => {
  const tenant = 'undo-fails';
  const names = Array.from({ length: 150 }, (_, index) => `U-${index}`);
  faults.at('TransactWriteItemsCommand', 2, 'crash');
  await expect(
    receiveStock(
      wiring.allocation,
      tenant,
      { receiptId: 'dead', warehouseId: 'main', lines: names.map((sku) => ({ sku, quantity: 1 })) },
      'evt-dead',
    ),
  ).rejects.toThrow(/died/);
  faults.revive();
  const later = wireAdapters({
    documents: harness.tables.client,
    tableName: harness.tables.tableName,
    publisher: new InMemoryPublisher(),
    clock: () => new Date(Date.now() + 10 * 60_000).toISOString(),
  });
  const reservations = async () =>
    (await harness.readAll()).items.filter(
      (item) => item.entity === 'reservation' && item.tenantId === tenant,
    );
  expect(await reservations()).toHaveLength(1);

  // The sweep's first transaction is the undo: it loses a race.
  faults.at('TransactWriteItemsCommand', 1, 'conflict');
  const first = await runSweep(later, { outboxGraceMs: 0, intakeGraceMs: 0, limit: 1000 });

  expect(first.reservationsUndone).toBe(0);
  expect(first.errors).toBeGreaterThan(0);
  expect(await reservations()).toHaveLength(1);

  const second = await runSweep(later, { outboxGraceMs: 0, intakeGraceMs: 0, limit: 1000 });

  expect(second.reservationsUndone).toBe(1);
  expect(await reservations()).toEqual([]);
  const state = await readChecked(harness, tenant);
  for (const sku of names) expect(levelOf(state, sku)).toEqual([0, 0]);
});

it('serves an order found short whose intake commits after a receipt was served and its listing settled', async () => {
  const tenant = 'late-intake';
  await wiring.directory.saveTenant(webhookTenant(tenant));
  const racer = incoming('racer', [['R', 1]]);
  const sweepOptions = { outboxGraceMs: 0, intakeGraceMs: 0, limit: 5 };
  let raced = false;
  // The intake decided on stock it read before the receipt: the receipt lands, serves a queue
  // without the racer, and a sweep takes its listing off, all before the intake's commit.
  const repository = new Proxy(wiring.allocation.repository, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== 'commit' || typeof value !== 'function') return value;
      return async (tenantId: string, decision: Decision, options: unknown) => {
        const waits = decision.orders.some(
          ({ before, after }) =>
            !before && after.orderId === racer.orderId && after.status === 'AwaitingStock',
        );
        if (waits && !raced) {
          raced = true;
          await receiveStock(
            wiring.allocation,
            tenant,
            { receiptId: 'early', warehouseId: 'main', lines: [{ sku: 'R', quantity: 1 }] },
            'evt-early',
          );
          await runSweep(wiring, sweepOptions);
        }
        return value.call(target, tenantId, decision, options);
      };
    },
  });
  await receiveOrders({ ...wiring.allocation, repository }, tenant, [{ input: racer, eventId: 'evt-racer' }]);
  expect(raced).toBe(true);
  expect(orderOf(await readChecked(harness, tenant), racer.orderId).status).toBe('AwaitingStock');

  await runSweep(wiring, sweepOptions);

  const state = await readChecked(harness, tenant, originalsOf([racer]));
  expect(orderOf(state, racer.orderId).status).toBe('ReadyToPick');
  expect(levelOf(state, 'R')).toEqual([1, 1]);
});
