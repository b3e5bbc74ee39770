import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';

const TENANT = 'split-delay-later';
let api: OperatorApi;

beforeAll(async () => {
  api = await createOperatorApi('split-delay-later');
}, 120_000);
afterAll(() => api.drop());

it('a receipt that partly serves a split-policy order waits for supply due within the split delay, instead of splitting', async () => {
  await api.harness.setPolicies(TENANT, { tenant: { onShortage: 'split', splitDelayDays: 3 } });
  // Nothing on hand at intake: nothing to ship, so nothing to split; it waits whole.
  await api.seedOrder(TENANT, incoming('X', [['A', 5]]));
  await api.harness.addInbound({
    tenantId: TENANT,
    inboundId: 'PO-1',
    warehouseId: 'main',
    sku: 'A',
    quantity: 3,
    // The harness's clock says 2026-11-28T10:00Z: due in a day and a half, within the 3-day delay.
    eta: '2026-11-30T00:00:00.000Z',
  });

  await api.receive(TENANT, 'A', 2);

  const state = await api.harness.readAll();
  const order = state.orders.find((each) => each.channelOrderId === 'X');
  expect(order).toMatchObject({ status: 'AwaitingStock', backorderIds: [], splitDueAt: expect.any(String) });
  expect(order?.lines[0]).toMatchObject({ quantity: 5, allocated: 2 });
});
