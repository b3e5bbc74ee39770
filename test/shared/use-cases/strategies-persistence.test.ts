/**
 * Confirmation strategies and fair share through the use cases and the DynamoDB adapter: a `win`
 * order takes stock from a stored order by a write conditional on that order being as read, and
 * reads only as many holders as hold what it takes, whatever the backlog.
 */
import { decideIntake } from '../../../shared/allocation/intake.js';
import { SYSTEM_ACTOR } from '../../../shared/domain/actor.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import { WriteConflictError } from '../../../shared/ports/backorder-repository.js';
import { setOrderStrategy, startFulfilment } from '../../../shared/use-cases/order-acts.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { redistributeForWinners } from '../../../shared/use-cases/redistribute-winners.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { receiveStockLines } from '../../support/stock-receipt.js';

let harness: RepositoryHarness;

beforeAll(async () => {
  harness = await createRepositoryHarness('strategies');
}, 60_000);
afterAll(() => harness.drop());

const at = (minute: number) =>
  new Date(Date.parse('2026-11-28T09:00:00.000Z') + minute * 60_000).toISOString();
const stored = async (tenantId: string) => {
  const state = await harness.readAll();
  const orders = state.orders.filter((order) => order.tenantId === tenantId);
  const find = (orderId: string) => orders.find((order) => order.orderId === orderId) as SaleOrder;
  const level = (sku: string) => state.stock.find((item) => item.tenantId === tenantId && item.sku === sku);
  const history = (orderId: string) =>
    state.history.filter((entry) => entry.tenantId === tenantId && entry.orderId === orderId);
  return { find, level, history };
};

const holdAll = async (tenantId: string, holders: number, units = 2) => {
  await receiveStockLines(harness.ports, tenantId, 'r-0', [['A', holders * units]]);
  for (let index = 0; index < holders; index++) {
    const input = incoming(`h-${index}`, [['A', units]], { createdAt: at(index) });
    expect((await receiveOrder(harness.ports, tenantId, input, `evt-h-${index}`)).kind).toBe('accepted');
  }
};

describe.each([
  ['one order at a time', 'single'],
  ['a batch from the queue', 'batch'],
] as const)('a win order at intake (%s)', (_, path) => {
  const take = (tenantId: string, input: ReturnType<typeof incoming>) =>
    path === 'single'
      ? receiveOrder(harness.ports, tenantId, input, 'evt-w')
      : receiveOrders(harness.ports, tenantId, [{ input, eventId: 'evt-w' }]);

  it('takes from the newest redistribute order, which waits again with history naming the winner', async () => {
    const tenantId = `win-${path}`;
    await holdAll(tenantId, 3);
    await take(
      tenantId,
      incoming('w', [['A', 3]], { createdAt: at(30), policyOverride: { strategy: 'win' } }),
    );
    const { find, level, history } = await stored(tenantId);
    expect([find('w').status, find('w').lines[0]?.allocated]).toEqual(['ReadyToPick', 3]);
    expect(['h-0', 'h-1', 'h-2'].map((id) => [find(id).status, find(id).lines[0]?.allocated])).toEqual([
      ['ReadyToPick', 2],
      ['AwaitingStock', 1],
      ['AwaitingStock', 0],
    ]);
    expect(history('h-2').at(-1)?.reasons.join(' ')).toContain('to order w (strategy win over redistribute)');
    expect([level('A')?.onHand, level('A')?.allocated]).toEqual([6, 6]);
  }, 60_000);

  it('takes nothing from gain orders', async () => {
    const tenantId = `gain-${path}`;
    await harness.setPolicies(tenantId, { tenant: { strategy: 'gain' } });
    await holdAll(tenantId, 2);
    await take(
      tenantId,
      incoming('w', [['A', 2]], { createdAt: at(30), policyOverride: { strategy: 'win' } }),
    );
    const { find } = await stored(tenantId);
    expect(['h-0', 'h-1', 'w'].map((id) => find(id).status)).toEqual([
      'ReadyToPick',
      'ReadyToPick',
      'AwaitingStock',
    ]);
  }, 60_000);
});

it('taking is conditional on the loser being as read: a loser that started picking meanwhile fails the write', async () => {
  const tenantId = 'win-conditional';
  await holdAll(tenantId, 1);
  const donor = (await stored(tenantId)).find('h-0');
  const decision = decideIntake(
    { tenantId, now: at(40), eventId: 'evt-stale', actor: SYSTEM_ACTOR, policies: {} },
    { stock: [(await stored(tenantId)).level('A') as never], orders: [donor] },
    incoming('w', [['A', 2]], { policyOverride: { strategy: 'win' } }),
  );
  expect(decision.orders.map(({ after }) => [after.orderId, after.status]).sort()).toEqual([
    ['h-0', 'AwaitingStock'],
    ['w', 'ReadyToPick'],
  ]);
  await startFulfilment(
    harness.ports,
    { tenantId, eventId: 'evt-pick', actor: SYSTEM_ACTOR },
    { orderId: 'h-0' },
  );
  await expect(harness.repository.commit(tenantId, decision, { policies: {} })).rejects.toBeInstanceOf(
    WriteConflictError,
  );
  const { find } = await stored(tenantId);
  expect([find('h-0').status, find('h-0').lines[0]?.allocated]).toEqual(['InFulfilment', 2]);
  expect(find('w')).toBeUndefined();

  // Decided again on what is stored now, the win order waits: nothing is taken from an order being picked.
  await receiveOrder(
    harness.ports,
    tenantId,
    incoming('w', [['A', 2]], { policyOverride: { strategy: 'win' } }),
    'evt-w',
  );
  expect((await stored(tenantId)).find('w').status).toBe('AwaitingStock');
}, 60_000);

it('a win order reads as many holders with 120 of them as with 40', async () => {
  const itemsRead = async (tenantId: string, holders: number) => {
    await holdAll(tenantId, holders, 1);
    harness.resetTally();
    await receiveOrder(
      harness.ports,
      tenantId,
      incoming('w', [['A', 3]], { createdAt: at(500), policyOverride: { strategy: 'win' } }),
      'evt-w',
    );
    const read = harness.tally.itemsRead;
    expect((await stored(tenantId)).find('w').status).toBe('ReadyToPick');
    return read;
  };
  const small = await itemsRead('win-reads-40', 40);
  const large = await itemsRead('win-reads-120', 120);
  expect(large).toBe(small);
  // One page of the holders' index (25 entries) and the orders it names, plus the stock level.
  expect(small).toBeLessThanOrEqual(60);
}, 300_000);

it('fair share: a receipt of 6 for three orders short 4 each gives 2 to each', async () => {
  const tenantId = 'fair-share';
  await harness.setPolicies(tenantId, { tenant: { allocationMode: 'fairShare' } });
  for (let index = 0; index < 3; index++) {
    const input = incoming(`o-${index}`, [['A', 4]], { createdAt: at(index) });
    await receiveOrder(harness.ports, tenantId, input, `evt-o-${index}`);
  }
  await receiveStockLines(harness.ports, tenantId, 'r-1', [['A', 6]]);
  const { find, level } = await stored(tenantId);
  expect(['o-0', 'o-1', 'o-2'].map((id) => [find(id).status, find(id).lines[0]?.allocated])).toEqual([
    ['AwaitingStock', 2],
    ['AwaitingStock', 2],
    ['AwaitingStock', 2],
  ]);
  expect([level('A')?.onHand, level('A')?.allocated]).toEqual([6, 6]);
}, 60_000);

it('the sweep redistributes: a waiting win order takes from a Ready to Pick order with nothing free', async () => {
  const tenantId = 'win-sweep';
  await holdAll(tenantId, 1);
  // Waiting first, then made win by a person: no receipt will come to serve it.
  await receiveOrder(harness.ports, tenantId, incoming('w', [['A', 2]], { createdAt: at(30) }), 'evt-w');
  await setOrderStrategy(
    harness.ports,
    { tenantId, eventId: 'evt-act', actor: { kind: 'person', id: 'ops' } },
    { orderId: 'w', strategy: 'win', reason: 'Key account' },
  );
  expect((await stored(tenantId)).find('w')).toMatchObject({
    status: 'AwaitingStock',
    policyOverride: { strategy: 'win' },
  });
  const decisions = await redistributeForWinners(harness.ports, tenantId, 'sweep:1:win', [
    (await stored(tenantId)).find('w'),
  ]);
  expect(decisions).toHaveLength(1);
  const { find } = await stored(tenantId);
  expect([find('w').status, find('h-0').status]).toEqual(['ReadyToPick', 'AwaitingStock']);
}, 60_000);
