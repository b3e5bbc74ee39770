/**
 * `escalateAfterDays` in the scheduled sweep, against DynamoDB Local with an injected clock: a
 * waiting order past it is announced `Backorder Overdue` once (not before, not again on a later or
 * concurrent sweep), never once it is Ready to Pick, and a backorder's wait counts from its split.
 */

import { backorderOverdueDetail } from '../../../shared/events/outgoing-events.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';
import { daysAfterIntake, INTAKE, sweepNow, tenantWithPolicy } from '../../support/policy-sweeps.js';

let api: OperatorApi;
let tenants = 0;

beforeAll(async () => {
  api = await createOperatorApi('escalate-overdue-sweep', INTAKE);
}, 120_000);
afterAll(() => api.drop());

const newTenant = (days: number, onShortage: 'split' | 'holdAll') =>
  tenantWithPolicy(api, `overdue-${++tenants}`, { escalateAfterDays: days, onShortage });

const sweep = (limit = 25) => sweepNow(api, limit);

const overdue = (tenantId: string) =>
  api.publisher
    .ofType('Backorder Overdue')
    .filter((event) => event.detail.tenantId === tenantId)
    .map((event) => backorderOverdueDetail.parse(event.detail));

const orderOf = async (tenantId: string, orderId: string) =>
  (await api.call('GET', `/orders/${orderId}`, { tenantId })).body;

it('announces a waiting order once after escalateAfterDays, not before and not on a later sweep', async () => {
  api.setNow(INTAKE);
  const tenantId = await newTenant(3, 'holdAll');
  await api.seedOrder(tenantId, incoming('od-1', [['OD-A', 2]], { createdAt: INTAKE }));

  api.setNow(daysAfterIntake(2.9));
  await sweep();
  expect(overdue(tenantId)).toEqual([]);

  api.setNow(daysAfterIntake(3.5));
  const report = await sweep();
  expect(report.ordersEscalated).toBe(1);
  expect(overdue(tenantId)).toEqual([
    expect.objectContaining({
      orderId: 'od-1',
      waitingSince: INTAKE,
      daysWaiting: 3,
      escalateAfterDays: 3,
      missing: [{ lineId: '1', sku: 'OD-A', quantity: 2 }],
    }),
  ]);
  const body = await orderOf(tenantId, 'od-1');
  expect(body.order.status).toBe('AwaitingStock');
  const escalations = body.history.filter((entry: { actions: string[] }) =>
    entry.actions.includes('escalated'),
  );
  expect(escalations).toHaveLength(1);

  api.setNow(daysAfterIntake(10));
  const again = await sweep();
  expect(again.ordersEscalated).toBe(0);
  expect(overdue(tenantId)).toHaveLength(1);
});

it('announces an order once when two sweeps run at the same time', async () => {
  api.setNow(INTAKE);
  const tenantId = await newTenant(1, 'holdAll');
  await api.seedOrder(tenantId, incoming('od-race', [['OD-R', 1]], { createdAt: INTAKE }));
  api.setNow(daysAfterIntake(2));
  await Promise.all([sweep(), sweep()]);
  await sweep();
  expect(overdue(tenantId).map((detail) => detail.orderId)).toEqual(['od-race']);
});

it('does not announce an order that became Ready to Pick before it was due', async () => {
  api.setNow(INTAKE);
  const tenantId = await newTenant(2, 'holdAll');
  await api.seedOrder(tenantId, incoming('od-ready', [['OD-B', 2]], { createdAt: INTAKE }));
  api.setNow(daysAfterIntake(1));
  await api.receive(tenantId, 'OD-B', 2);
  expect((await orderOf(tenantId, 'od-ready')).order.status).toBe('ReadyToPick');

  api.setNow(daysAfterIntake(5));
  await sweep();
  expect(overdue(tenantId)).toEqual([]);
});

it("counts a backorder's wait from its split, not from when its parent was created", async () => {
  api.setNow(INTAKE);
  const tenantId = await newTenant(3, 'split');
  await api.receive(tenantId, 'OD-SPLIT', 1);
  // Placed 20 days before it reached the service: split at intake, so its backorder waits from now.
  await api.seedOrder(tenantId, incoming('od-s', [['OD-SPLIT', 3]], { createdAt: daysAfterIntake(-20) }));
  expect((await orderOf(tenantId, 'od-s-BO1')).order.status).toBe('AwaitingStock');

  api.setNow(daysAfterIntake(2));
  await sweep();
  expect(overdue(tenantId)).toEqual([]);

  api.setNow(daysAfterIntake(3.25));
  await sweep();
  expect(overdue(tenantId)).toEqual([
    expect.objectContaining({
      orderId: 'od-s-BO1',
      parentId: 'od-s',
      waitingSince: INTAKE,
      daysWaiting: 3,
      missing: [{ lineId: '1', sku: 'OD-SPLIT', quantity: 2 }],
    }),
  ]);
});

it('announces every due order in one run, beyond a page of the sweep limit', async () => {
  api.setNow(INTAKE);
  const tenantId = await newTenant(2, 'holdAll');
  const ids = Array.from({ length: 7 }, (_, i) => `od-many-${i}`);
  for (const id of ids) await api.seedOrder(tenantId, incoming(id, [['OD-MANY', 1]], { createdAt: INTAKE }));
  api.setNow(daysAfterIntake(3));
  await sweep(3);
  expect(
    overdue(tenantId)
      .map((detail) => detail.orderId)
      .sort(),
  ).toEqual([...ids].sort());
});
