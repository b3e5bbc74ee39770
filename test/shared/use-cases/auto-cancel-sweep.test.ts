/**
 * `autoCancelAfterDays` in the scheduled sweep: a backorder's wait counts from its split, not
 * from its parent's creation, and one run cancels every waiting order that is due, however many
 * there are beyond one page of the sweep's limit.
 */

import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';
import { daysAfterIntake, INTAKE, sweepNow, tenantWithPolicy } from '../../support/policy-sweeps.js';

let api: OperatorApi;
let tenants = 0;

beforeAll(async () => {
  api = await createOperatorApi('auto-cancel-sweep', INTAKE);
}, 120_000);
afterAll(() => api.drop());

const newTenant = (days: number, onShortage: 'split' | 'holdAll') =>
  tenantWithPolicy(api, `auto-cancel-${++tenants}`, { autoCancelAfterDays: days, onShortage });

const sweep = (limit = 25) => sweepNow(api, limit);

const statusOf = async (tenantId: string, orderId: string) =>
  (await api.call('GET', `/orders/${orderId}`, { tenantId })).body.order.status;

it("counts a backorder's wait from its split, not from when its parent was created", async () => {
  api.setNow(INTAKE);
  const tenantId = await newTenant(5, 'split');
  await api.receive(tenantId, 'AC-SPLIT', 1);
  // Placed 20 days before it reached the service (a channel's backlog): split at intake.
  await api.seedOrder(tenantId, incoming('ac-1', [['AC-SPLIT', 3]], { createdAt: daysAfterIntake(-20) }));
  expect(await statusOf(tenantId, 'ac-1-BO1')).toBe('AwaitingStock');

  api.setNow(daysAfterIntake(4));
  await sweep();
  expect(await statusOf(tenantId, 'ac-1-BO1')).toBe('AwaitingStock');

  api.setNow(daysAfterIntake(5.5));
  const report = await sweep();
  expect(report.ordersAutoCancelled).toBeGreaterThanOrEqual(1);
  expect(await statusOf(tenantId, 'ac-1-BO1')).toBe('Cancelled');
  expect(await statusOf(tenantId, 'ac-1')).toBe('ReadyToPick');
});

it('cancels every due waiting order in one run, beyond a page of the sweep limit', async () => {
  api.setNow(INTAKE);
  const tenantId = await newTenant(2, 'holdAll');
  const ids = Array.from({ length: 7 }, (_, i) => `ac-many-${i}`);
  for (const id of ids) await api.seedOrder(tenantId, incoming(id, [['AC-MANY', 1]], { createdAt: INTAKE }));
  api.setNow(daysAfterIntake(3));
  await sweep(3);
  for (const id of ids) expect([id, await statusOf(tenantId, id)]).toEqual([id, 'Cancelled']);
});
