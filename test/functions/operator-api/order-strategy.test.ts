import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';
import { tenantState } from '../../support/stored-state.js';

let api: OperatorApi;

beforeAll(async () => {
  api = await createOperatorApi('order-strategy');
}, 120_000);
afterAll(() => api.drop());

const stateOf = async (tenantId: string) => {
  const state = tenantState(await api.harness.readAll(), tenantId);
  expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  return state;
};

it('a person sets a waiting order strategy to win, recorded with who and why; the order view shows it', async () => {
  const tenantId = 'strategy-1';
  await api.seedOrder(tenantId, incoming('o-1', [['A', 2]]));
  const answer = await api.call('POST', '/orders/o-1/strategy', {
    tenantId,
    body: { strategy: 'win', reason: 'Key account' },
    principal: 'ops@example.com',
  });
  expect(answer.status).toBe(200);
  const detail = await api.call('GET', '/orders/o-1', { tenantId });
  expect(detail.body).toMatchObject({ order: { strategy: 'win', status: 'AwaitingStock' } });
  const { history } = await stateOf(tenantId);
  expect(history.filter((entry) => entry.orderId === 'o-1').at(-1)).toMatchObject({
    actions: ['updated'],
    reasons: ['Strategy set from redistribute to win by person ops@example.com: Key account'],
  });
});

it('refuses an unknown strategy with a 400 and changes nothing', async () => {
  const tenantId = 'strategy-2';
  await api.seedOrder(tenantId, incoming('o-1', [['A', 2]]));
  const before = await stateOf(tenantId);
  const answer = await api.call('POST', '/orders/o-1/strategy', {
    tenantId,
    body: { strategy: 'steal', reason: 'why' },
  });
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  expect(await stateOf(tenantId)).toEqual(before);
});
