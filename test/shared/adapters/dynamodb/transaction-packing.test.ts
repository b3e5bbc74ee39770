import { DecisionTooLargeError } from '../../../../shared/adapters/dynamodb/transaction-errors.js';
import type { Decision } from '../../../../shared/allocation/decision.js';
import { findInvariantViolations } from '../../../../shared/allocation/invariants.js';
import type { HistoryEntry } from '../../../../shared/domain/history.js';
import type { SaleOrder } from '../../../../shared/domain/order.js';
import { errorAnswerOf } from '../../../../shared/runtime/http-errors.js';
import { receiveOrder } from '../../../../shared/use-cases/receive-order.js';
import { adjustStock, receiveStock } from '../../../../shared/use-cases/receive-stock.js';
import { incoming, order, TENANT } from '../../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';

let harness: RepositoryHarness;
beforeAll(async () => {
  harness = await createRepositoryHarness('transaction-packing');
}, 60_000);
afterAll(() => harness.drop());

const skus = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

/** The history entry of an order written by a hand-made decision. */
const entryFor = (orderId: string, version: number, statusAfter: SaleOrder['status']): HistoryEntry => ({
  tenantId: TENANT,
  orderId,
  version,
  at: '2026-12-05T09:00:00.000Z',
  actions: [],
  reasons: ['imported'],
  actor: { kind: 'system', id: 'test' },
  triggerEventId: `evt-${orderId}`,
  statusBefore: null,
  statusAfter,
  linesBefore: [],
  linesAfter: [],
});

describe('packing a decision into several transactions', () => {
  it('applies a 120-SKU count that takes stock back from an order it then serves elsewhere', async () => {
    // o1 holds both TAKEN units and waits for SERVED. The count removes the TAKEN units (taken back
    // from o1) and adds 119 SKUs, SERVED among them (served to o1): the stock's unit frees SERVED
    // and needs TAKEN freed, o1's unit the other way round, so neither can go whole before the other.
    await receiveStock(
      harness.ports,
      TENANT,
      { receiptId: 'r-taken', warehouseId: 'main', lines: [{ sku: 'TAKEN', quantity: 2 }] },
      'evt-r-taken',
    );
    const intake = await receiveOrder(
      harness.ports,
      TENANT,
      incoming('o1', [
        ['TAKEN', 2],
        ['SERVED', 1],
      ]),
      'evt-o1',
    );
    expect(intake.kind).toBe('accepted');
    const up = [...skus(118, 'UP'), 'SERVED'].map((sku) => ({ sku, delta: 1 }));

    const outcome = await adjustStock(
      harness.ports,
      TENANT,
      { adjustmentId: 'count-1', warehouseId: 'main', lines: [{ sku: 'TAKEN', delta: -2 }, ...up] },
      'evt-count-1',
    );

    expect(outcome.kind).toBe('applied');
    const state = await harness.readAll();
    const level = (sku: string) => state.stock.find((candidate) => candidate.sku === sku);
    expect(level('TAKEN')).toMatchObject({ onHand: 0, allocated: 0 });
    expect(level('SERVED')).toMatchObject({ onHand: 1, allocated: 1 });
    expect(
      state.stock.filter((candidate) => candidate.sku.startsWith('UP-') && candidate.onHand === 1),
    ).toHaveLength(118);
    const o1 = state.orders.find((candidate) => candidate.orderId === 'o1');
    expect(o1?.lines.map((line) => [line.sku, line.allocated])).toEqual([
      ['TAKEN', 0],
      ['SERVED', 1],
    ]);
    expect(state.items.filter((item) => item.entity === 'reservation')).toEqual([]);
    expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  }, 120_000);

  it('commits a decision whose orders outweigh 4 MB in transactions of at most 4 MB', async () => {
    // 40 new orders of about 130 KB: 80 items fit one transaction by count, not by size.
    const lines = Array.from({ length: 500 }, () => [null, 1, 1] as [null, number, number]);
    const orders = Array.from({ length: 40 }, (_, index) => {
      const stored = order(`heavy-${index}`, 'ReadyToPick', lines);
      return {
        ...stored,
        lines: stored.lines.map((line) => ({ ...line, lineId: `${line.lineId}-${'l'.repeat(230)}` })),
      };
    });
    const decision: Decision = {
      orders: orders.map((after) => ({ before: null, after })),
      stock: [],
      history: orders.map((after) => entryFor(after.orderId, after.version, after.status)),
      events: [],
      steps: [],
      movements: [],
    };

    await harness.repository.commit(TENANT, decision, {
      policies: await harness.repository.loadPolicies(TENANT),
      idempotencyKey: 'heavy-import',
    });

    const state = await harness.readAll();
    expect(state.orders.filter((stored) => stored.orderId.startsWith('heavy-'))).toHaveLength(40);
  }, 120_000);

  it('refuses as too large (413), writing nothing, a family whose writes cannot fit one last transaction', async () => {
    // 120 backorders of one family written together, too many for any transaction.
    const orders = Array.from({ length: 120 }, (_, index) =>
      order(`fam-BO${index + 1}`, 'ReadyToPick', [[null, 1, 1]], { parentId: 'fam' }),
    );
    const decision: Decision = {
      orders: orders.map((after) => ({ before: null, after })),
      stock: [],
      history: orders.map((after) => entryFor(after.orderId, after.version, after.status)),
      events: [],
      steps: [],
      movements: [],
    };

    const refusal = harness.repository.commit(TENANT, decision, {
      policies: await harness.repository.loadPolicies(TENANT),
      idempotencyKey: 'family-import',
    });
    await expect(refusal).rejects.toBeInstanceOf(DecisionTooLargeError);
    // A refusal of the input, never retried as a fault: the HTTP layer answers it 413.
    await expect(refusal).rejects.toMatchObject({
      code: 'TOO_LARGE',
      details: { limit: 'transaction items', maximum: 100 },
    });
    expect(errorAnswerOf(await refusal.catch((error: unknown) => error)).statusCode).toBe(413);

    const state = await harness.readAll();
    expect(
      state.items.filter(
        (item) => String(item.pk).includes('fam') || String(item.pk).includes('family-import'),
      ),
    ).toEqual([]);
  }, 120_000);
});
