import { applyChannelChange } from '../../../../shared/use-cases/apply-channel-change.js';
import type { AllocationPorts } from '../../../../shared/use-cases/ports.js';
import { receiveOrders } from '../../../../shared/use-cases/receive-orders.js';
import { incoming } from '../../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';
import { receiveStockLines } from '../../../support/stock-receipt.js';
import { levelOf, orderOf, readChecked } from '../../../support/stored-state.js';
import { tenantPerTest } from '../../../support/tenant-per-test.js';

/**
 * A change the channel sends before its order (DESIGN §10) is kept under the order's own key, so
 * that the new order's own condition finds it: intake writes no separate check for it.
 */
const NOW = '2026-11-28T10:00:00.000Z';

let harness: RepositoryHarness;
let ports: AllocationPorts;
beforeAll(async () => {
  harness = await createRepositoryHarness('early-change-layout', () => NOW);
  ports = harness.ports;
}, 60_000);
afterAll(() => harness.drop());

const newTenant = tenantPerTest('ec', () => harness);

const itemAt = async (tenant: string, sk: string) =>
  (await harness.readAll()).items.find(
    (item) => String(item.pk).startsWith(`T#${tenant}#`) && item.sk === sk,
  );

const channelSays = (tenant: string, change: Parameters<typeof applyChannelChange>[2]) =>
  applyChannelChange(
    ports,
    { tenantId: tenant, eventId: `chg-${change.orderId}`, actor: { kind: 'channel', id: 'shopify' } },
    change,
  );

it('an uncontended intake writes its order and its stock, and no check on an early change', async () => {
  const tenant = await newTenant();
  await receiveStockLines(ports, tenant, 'r0', [['A', 10]]);
  harness.resetTally();

  const [result] = await receiveOrders(ports, tenant, [
    { input: incoming('plain', [['A', 2]]), eventId: 'e' },
  ]);

  expect(result?.kind).toBe('accepted');
  expect(harness.tally.byOperation.TransactWriteItems).toBe(1);
  expect(harness.tally.transactionItems).toBe(2);
});

it("keeps a cancellation sent before its order under the order's key; the order is created Cancelled, taking no stock", async () => {
  const tenant = await newTenant();
  await receiveStockLines(ports, tenant, 'r0', [['A', 10]]);

  expect(
    await channelSays(tenant, {
      orderId: 'gone',
      cancelled: true,
      reason: 'customer',
      version: '2026-11-28T09:30:00.000Z',
    }),
  ).toEqual({ kind: 'kept' });
  expect(await itemAt(tenant, 'ORDER#gone')).toMatchObject({ entity: 'earlyChange', cancelled: true });

  const [result] = await receiveOrders(ports, tenant, [
    { input: incoming('gone', [['A', 3]], { channelVersion: '2026-11-28T09:00:00.000Z' }), eventId: 'e' },
  ]);

  expect(result?.kind).toBe('accepted');
  const state = await readChecked(harness, tenant);
  expect(orderOf(state, 'gone').status).toBe('Cancelled');
  expect(levelOf(state, 'A')).toEqual([10, 0]);
  expect(await itemAt(tenant, 'ORDER#gone')).toMatchObject({ entity: 'order' });
});

it('takes the lines of an update sent before its order, and a newer one kept meanwhile wins', async () => {
  const tenant = await newTenant();
  await receiveStockLines(ports, tenant, 'r0', [['A', 10]]);
  const line = (quantity: number) => [{ lineId: '1', sku: 'A', quantity }];

  await channelSays(tenant, {
    orderId: 'upd',
    cancelled: false,
    lines: line(4),
    version: '2026-11-28T09:10:00.000Z',
  });
  await channelSays(tenant, {
    orderId: 'upd',
    cancelled: false,
    lines: line(5),
    version: '2026-11-28T09:20:00.000Z',
  });
  // An older one delivered late keeps nothing.
  expect(
    await channelSays(tenant, {
      orderId: 'upd',
      cancelled: false,
      lines: line(1),
      version: '2026-11-28T09:05:00.000Z',
    }),
  ).toEqual({ kind: 'kept' });

  await receiveOrders(ports, tenant, [
    { input: incoming('upd', [['A', 3]], { channelVersion: '2026-11-28T09:00:00.000Z' }), eventId: 'e' },
  ]);

  const state = await readChecked(harness, tenant);
  expect(orderOf(state, 'upd').lines.map((l) => [l.quantity, l.allocated])).toEqual([[5, 5]]);
  expect(levelOf(state, 'A')).toEqual([10, 5]);
});

it('does not lose a change kept while intake decides again: the order lands only over the early change it read', async () => {
  const tenant = await newTenant();
  await receiveStockLines(ports, tenant, 'r0', [['A', 10]]);
  await channelSays(tenant, {
    orderId: 'race',
    cancelled: false,
    lines: [{ lineId: '1', sku: 'A', quantity: 4 }],
    version: '2026-11-28T09:10:00.000Z',
  });
  let kept = false;
  const racing: AllocationPorts = {
    ...ports,
    // Between intake's attempts (its first found the update), the channel cancels the order.
    sleep: async () => {
      if (kept) return;
      kept = true;
      await channelSays(tenant, { orderId: 'race', cancelled: true, version: '2026-11-28T09:20:00.000Z' });
    },
  };

  const [result] = await receiveOrders(racing, tenant, [
    { input: incoming('race', [['A', 3]], { channelVersion: '2026-11-28T09:00:00.000Z' }), eventId: 'e' },
  ]);

  expect(kept).toBe(true);
  expect(result?.kind).toBe('accepted');
  const state = await readChecked(harness, tenant);
  expect(orderOf(state, 'race').status).toBe('Cancelled');
  expect(levelOf(state, 'A')).toEqual([10, 0]);
});
