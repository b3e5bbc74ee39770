import fc from 'fast-check';
import type { Item } from '../../../../shared/adapters/dynamodb/items.js';
import { DomainError } from '../../../../shared/domain/errors.js';
import type { IncomingOrder } from '../../../../shared/domain/inputs.js';
import { type OrderStatus, type SaleOrder, shortLines } from '../../../../shared/domain/order.js';
import type { IncomingDetailType } from '../../../../shared/events/incoming-events.js';
import type { OnShortage, PolicyConfig } from '../../../../shared/policy/policy.js';
import {
  type EventsFunctionDetailType,
  handleIncomingEvent,
} from '../../../../shared/use-cases/handle-incoming-event.js';
import {
  allocateByHand,
  cancelByHand,
  holdOrder,
  releaseOrder,
  splitByHand,
  unholdOrder,
} from '../../../../shared/use-cases/order-acts.js';
import type { AllocationPorts } from '../../../../shared/use-cases/ports.js';
import { receiveOrders } from '../../../../shared/use-cases/receive-orders.js';
import { incoming } from '../../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../../support/repository-harness.js';
import { originalsOf, readChecked } from '../../../support/stored-state.js';

/**
 * DESIGN §4 rule 7: every event may arrive more than once. The same plan of events is delivered
 * once each to one table, and one to three times each (the copies at once, some again later) to
 * another; both tables must end up holding the same items.
 */
const SEED = 7_2026;
const NOW = '2026-11-28T10:00:00.000Z';
const TENANT = 'dup';
const SKUS = ['A', 'B', 'C'] as const;
const POLICIES: PolicyConfig = {
  tenant: { splitDelayDays: 1 },
  skus: { C: { autoAllocate: false } },
};

type Step =
  | { kind: 'event'; detailType: IncomingDetailType; detail: Record<string, unknown> }
  | {
      kind: 'manual';
      act: 'allocate' | 'release' | 'hold' | 'unhold' | 'split' | 'cancel';
      orderId: string;
      lineId?: string;
      key: string;
    }
  | { kind: 'batch'; inputs: IncomingOrder[] };

interface Delivery {
  step: Step;
  copies: number;
  /** Delivered once more this many steps later, if the first delivery took effect. */
  lateBy?: number;
}

const rawStep = fc.record({
  kind: fc.constantFrom(
    'received',
    'received',
    'received',
    'stock',
    'stock',
    'adjusted',
    'inbound',
    'cancelled',
    'updated',
    'picking',
    'dispatched',
    'manual',
    'manual',
    'manual',
    'batch',
  ),
  act: fc.constantFrom('allocate', 'release', 'hold', 'unhold', 'split', 'cancel'),
  skus: fc.uniqueArray(fc.constantFrom(...SKUS), { minLength: 1, maxLength: 2 }),
  quantity: fc.integer({ min: 1, max: 4 }),
  policy: fc.constantFrom<OnShortage>('holdPartial', 'split', 'split', 'holdAll', 'dropShort', 'reject'),
  target: fc.nat(),
  up: fc.boolean(),
  copies: fc.constantFrom(1, 2, 2, 3),
  lateBy: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 3 }),
});
type RawStep = typeof rawStep extends fc.Arbitrary<infer T> ? T : never;

const rawPlan = (seed: number, length: number): RawStep[] =>
  fc.sample(fc.array(rawStep, { minLength: length, maxLength: length }), {
    seed,
    numRuns: 1,
  })[0] as RawStep[];

const OPEN: readonly OrderStatus[] = ['AwaitingStock', 'ReadyToPick', 'OnHold'];

/** Orders a step of this kind could act on, as things stand: whoever sends it looked first. */
const candidatesFor = (kind: string, act: string, orders: readonly SaleOrder[]): SaleOrder[] => {
  const holds = (order: SaleOrder) => order.lines.some((line) => line.allocated > 0);
  const short = (order: SaleOrder) => shortLines(order).length > 0;
  const where = (test: (order: SaleOrder) => boolean) => orders.filter(test);
  switch (kind === 'manual' ? act : kind) {
    case 'cancelled':
    case 'cancel':
      return where((order) => OPEN.includes(order.status));
    case 'updated':
      return where(
        (order) => OPEN.includes(order.status) && !order.parentId && order.backorderIds.length === 0,
      );
    case 'picking':
      return where((order) => order.status === 'ReadyToPick');
    case 'dispatched':
      return where((order) => order.status === 'ReadyToPick' || order.status === 'InFulfilment');
    case 'allocate':
      return where(
        (order) => (order.status === 'AwaitingStock' || order.status === 'OnHold') && short(order),
      );
    case 'release':
      return where((order) => OPEN.includes(order.status) && holds(order));
    case 'hold':
      return where((order) => order.status === 'AwaitingStock' || order.status === 'ReadyToPick');
    case 'unhold':
      return where((order) => order.status === 'OnHold');
    default:
      return where(
        (order) =>
          (order.status === 'AwaitingStock' || order.status === 'OnHold') && holds(order) && short(order),
      );
  }
};

/** The concrete step `n` of a plan, aimed at an order that the state `orders` makes a fit for it. */
const stepOf = (r: RawStep, n: number, orders: readonly SaleOrder[]): Step => {
  const base = { tenantId: TENANT, eventId: `e${n}` };
  const candidates = candidatesFor(r.kind, r.act, orders).sort((a, b) => a.orderId.localeCompare(b.orderId));
  const target = candidates[r.target % Math.max(1, candidates.length)];
  const targetId = target?.orderId ?? 'nobody';
  const sku = r.skus[0] as string;
  const order = (id: string): IncomingOrder =>
    incoming(
      id,
      r.skus.map((lineSku, line) => [lineSku, line === 0 ? r.quantity : 5 - r.quantity]),
      {
        createdAt: `2026-11-28T09:${String(n % 60).padStart(2, '0')}:00.000Z`,
        policyOverride: { onShortage: r.policy },
      },
    );
  const event = (detailType: IncomingDetailType, detail: Record<string, unknown>): Step => ({
    kind: 'event',
    detailType,
    detail: { ...base, ...detail },
  });
  switch (r.kind) {
    case 'received':
      return event('Order Received', { orderId: `d${n}`, order: order(`d${n}`) });
    case 'stock':
      return event('Stock Received', {
        receiptId: `r${n}`,
        warehouseId: 'main',
        lines: r.skus.map((line) => ({ sku: line, quantity: r.quantity + 1 })),
      });
    case 'adjusted':
      return event('Stock Adjusted', {
        adjustmentId: `a${n}`,
        warehouseId: 'main',
        lines: [{ sku, delta: r.up ? r.quantity : -r.quantity }],
      });
    case 'inbound':
      return event('Inbound Expected', {
        // Few ids, so that later events replace the ETAs of earlier ones.
        inboundId: `po${n % 3}`,
        warehouseId: 'main',
        sku,
        quantity: 10,
        eta: r.up ? '2026-11-28T20:00:00.000Z' : '2026-12-20T00:00:00.000Z',
      });
    case 'cancelled':
      return event('Order Cancelled', { orderId: targetId, reason: 'customer' });
    case 'updated':
      return event('Order Updated', {
        orderId: targetId,
        lines: r.skus.map((line, index) => ({ lineId: String(index + 1), sku: line, quantity: r.quantity })),
      });
    case 'picking':
      return event('Fulfilment Started', { orderId: targetId });
    case 'dispatched': {
      const first = target?.lines[0];
      const short = !r.up && first && first.allocated > 0;
      return event('Order Dispatched', {
        orderId: targetId,
        ...(short ? { lines: [{ lineId: first.lineId, quantity: first.allocated - 1 }] } : {}),
      });
    }
    case 'manual':
      return {
        kind: 'manual',
        act: r.act,
        orderId: targetId,
        key: `request#m${n}`,
        ...(target && shortLines(target)[0] ? { lineId: shortLines(target)[0]?.lineId } : {}),
      };
    default:
      return { kind: 'batch', inputs: [order(`b${n}-1`), order(`b${n}-2`)] };
  }
};

const OPERATOR = { kind: 'person', id: 'ops' } as const;

/** One delivery of a step; what came of it, for deciding whether a late copy may follow. */
const deliver = async (ports: AllocationPorts, step: Step, n: number): Promise<string> => {
  try {
    if (step.kind === 'event' && step.detailType === 'Order Received') {
      // As the allocator takes it from its queue: a batch of one.
      const [result] = await receiveOrders(ports, TENANT, [
        { input: step.detail.order as IncomingOrder, eventId: String(step.detail.eventId) },
      ]);
      if (result?.kind === 'failed') throw result.error;
      return result?.kind === 'accepted' ? 'applied' : 'duplicate';
    }
    if (step.kind === 'event')
      return (await handleIncomingEvent(ports, step.detailType as EventsFunctionDetailType, step.detail))
        .kind;
    if (step.kind === 'batch') {
      // A batch from the queue may itself carry an event twice.
      const entries = step.inputs.map((input) => ({ input, eventId: `evt-${input.orderId}` }));
      const results = await receiveOrders(ports, TENANT, [...entries, ...entries.slice(0, 1)]);
      return results.some((result) => result.kind === 'accepted') ? 'applied' : 'duplicate';
    }
    const request = { tenantId: TENANT, eventId: `m${n}`, actor: OPERATOR, idempotencyKey: step.key };
    const act = { orderId: step.orderId, reason: 'by hand' };
    switch (step.act) {
      case 'allocate':
        return (
          await allocateByHand(ports, request, {
            ...act,
            lines: [{ lineId: step.lineId ?? '1', quantity: 1 }],
          })
        ).kind;
      case 'release':
        return (await releaseOrder(ports, request, act)).kind;
      case 'hold':
        return (await holdOrder(ports, request, act)).kind;
      case 'unhold':
        return (await unholdOrder(ports, request, act)).kind;
      case 'split':
        return (await splitByHand(ports, request, act)).kind;
      case 'cancel':
        return (await cancelByHand(ports, request, act)).kind;
    }
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

/**
 * Everything in a table, in key order, without what legitimately differs between two runs: TTLs,
 * and when a stock level was last freed (its listing for the sweep, by the writer's clock).
 */
const contentsOf = (items: Item[]) =>
  items
    .map(({ expiresAt: _ttl, ...item }) => item)
    .map(({ timerSk: _freedAt, ...item }) =>
      item.entity === 'stock' ? item : { ...item, timerSk: _freedAt },
    )
    .map(
      (item) => Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as Item,
    )
    .sort((a, b) => `${a.pk}\u0000${a.sk}`.localeCompare(`${b.pk}\u0000${b.sk}`));

let once: RepositoryHarness;
let repeated: RepositoryHarness;
beforeAll(async () => {
  [once, repeated] = await Promise.all([
    createRepositoryHarness('duplicates-once', () => NOW),
    createRepositoryHarness('duplicates-repeated', () => NOW),
  ]);
  await Promise.all([once.setPolicies(TENANT, POLICIES), repeated.setPolicies(TENANT, POLICIES)]);
}, 60_000);
afterAll(() => Promise.all([once.drop(), repeated.drop()]));

const portsOf = (harness: RepositoryHarness): AllocationPorts => ({
  ...harness.ports,
  retry: { attempts: 20, baseDelayMs: 1, maxDelayMs: 20 },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/**
 * A fixed opening that takes every kind of request through a case where it applies, so that the
 * random rest of the plan need not find them all.
 */
const opening = (): Step[] => {
  const event = (n: number, detailType: IncomingDetailType, detail: Record<string, unknown>): Step => ({
    kind: 'event',
    detailType,
    detail: { tenantId: TENANT, eventId: `s${n}`, ...detail },
  });
  const manual = (n: number, act: Extract<Step, { kind: 'manual' }>['act'], orderId: string): Step => ({
    kind: 'manual',
    act,
    orderId,
    key: `request#s${n}`,
  });
  const order = (id: string, lines: Array<[string, number]>) => ({
    orderId: id,
    order: incoming(id, lines, { createdAt: '2026-11-28T08:00:00.000Z' }),
  });
  const stock = (id: string, lines: Array<[string, number]>) => ({
    receiptId: id,
    warehouseId: 'main',
    lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
  });
  return [
    event(
      0,
      'Stock Received',
      stock('s-r1', [
        ['A', 4],
        ['B', 2],
      ]),
    ),
    event(1, 'Order Received', order('x1', [['A', 3]])),
    event(
      2,
      'Order Received',
      order('x2', [
        ['A', 3],
        ['B', 1],
      ]),
    ),
    event(3, 'Order Received', order('x3', [['C', 2]])),
    event(4, 'Stock Received', stock('s-r2', [['C', 3]])),
    manual(5, 'allocate', 'x3'),
    manual(6, 'hold', 'x2'),
    manual(7, 'unhold', 'x2'),
    manual(8, 'release', 'x1'),
    event(9, 'Stock Received', stock('s-r3', [['A', 1]])),
    manual(10, 'split', 'x1'),
    manual(11, 'cancel', 'x1-BO1'),
    event(12, 'Fulfilment Started', { orderId: 'x2' }),
    event(13, 'Order Dispatched', { orderId: 'x2', lines: [{ lineId: '1', quantity: 2 }] }),
    event(14, 'Order Updated', { orderId: 'x3', lines: [{ lineId: '1', sku: 'C', quantity: 1 }] }),
    event(15, 'Stock Adjusted', {
      adjustmentId: 's-a1',
      warehouseId: 'main',
      lines: [{ sku: 'A', delta: -1 }],
    }),
    event(16, 'Order Cancelled', { orderId: 'x1' }),
  ];
};

it('ends in the same state whether each event arrives once or one to three times, at once or late', async () => {
  const raw = rawPlan(SEED, 60);
  const plan: Delivery[] = [];
  const outcomes: string[] = [];
  for (const [n, step] of opening().entries()) {
    plan.push({ step, copies: (n % 3) + 1, ...(n % 2 === 0 ? { lateBy: 2 } : {}) });
    outcomes.push(await deliver(portsOf(once), step, n));
  }
  expect(outcomes).toEqual(Array(plan.length).fill('applied'));
  // The rest is made as the single deliveries go: each step aims at an order that fits it then.
  for (const r of raw) {
    const n = plan.length;
    const step = stepOf(r, n, (await once.readAll()).orders);
    plan.push({ step, copies: r.copies, ...(r.lateBy !== null ? { lateBy: r.lateBy } : {}) });
    outcomes.push(await deliver(portsOf(once), step, n));
  }

  const late = new Map<number, Array<{ step: Step; n: number }>>();
  const repeatedOutcomes: string[][] = [];
  const lateOutcomes: Array<{ n: number; step: Step; outcome: string }> = [];
  for (const [n, delivery] of plan.entries()) {
    const copies = await Promise.all(
      Array.from({ length: delivery.copies }, () => deliver(portsOf(repeated), delivery.step, n)),
    );
    repeatedOutcomes.push(copies);
    // A late copy of a request that was refused could rightly succeed later; only repeats of
    // requests that took effect must change nothing.
    if (delivery.lateBy && copies.includes('applied')) {
      late.set(n + delivery.lateBy, [...(late.get(n + delivery.lateBy) ?? []), { step: delivery.step, n }]);
    }
    for (const copy of late.get(n) ?? []) {
      const outcome = await deliver(portsOf(repeated), copy.step, copy.n);
      lateOutcomes.push({ n: copy.n, step: copy.step, outcome });
    }
  }

  expect(lateOutcomes.filter(({ outcome }) => outcome === 'applied')).toEqual([]);
  expect(lateOutcomes.length).toBeGreaterThan(10);
  // Each request took effect in the run with copies exactly where it did in the run without.
  expect(repeatedOutcomes.map((copies) => copies.includes('applied'))).toEqual(
    outcomes.map((outcome) => outcome === 'applied'),
  );
  expect(
    repeatedOutcomes.filter((copies) => copies.length > 1 && copies.includes('applied')).length,
  ).toBeGreaterThan(20);

  const onceState = await readChecked(once, TENANT);
  const repeatedState = await readChecked(repeated, TENANT);
  expect(contentsOf(repeatedState.items)).toEqual(contentsOf(onceState.items));
  expect(onceState.orders.length).toBeGreaterThan(15);
  // Orders a channel update changed no longer add up to what was first ordered; the rest must.
  const updated = new Set(
    plan.flatMap(({ step }) =>
      step.kind === 'event' && step.detailType === 'Order Updated' ? [String(step.detail.orderId)] : [],
    ),
  );
  const intakes = plan.flatMap(({ step }) =>
    step.kind === 'batch'
      ? step.inputs
      : step.kind === 'event' && step.detailType === 'Order Received'
        ? [step.detail.order as IncomingOrder]
        : [],
  );
  const stored = new Set(onceState.orders.map((order) => order.orderId));
  await readChecked(
    once,
    TENANT,
    originalsOf(intakes.filter((input) => stored.has(input.orderId) && !updated.has(input.orderId))),
  );
}, 120_000);

it('does not bring back an expected arrival that a newer event replaced when the older one comes again', async () => {
  const tenant = 'inbound';
  const expected = (eventId: string, eta: string) => ({
    tenantId: tenant,
    eventId,
    inboundId: 'po-1',
    warehouseId: 'main',
    sku: 'A',
    quantity: 10,
    eta,
  });
  const first = expected('e-first', '2026-12-01T00:00:00.000Z');
  const second = expected('e-second', '2026-12-05T00:00:00.000Z');

  const outcomes = [
    await handleIncomingEvent(once.ports, 'Inbound Expected', first),
    await handleIncomingEvent(once.ports, 'Inbound Expected', second),
    await handleIncomingEvent(once.ports, 'Inbound Expected', first),
  ];

  expect(outcomes.map((outcome) => outcome.kind)).toEqual(['applied', 'applied', 'duplicate']);
  const inbound = await once.repository.loadInbound(tenant, [{ warehouseId: 'main', sku: 'A' }]);
  expect(inbound.map((supply) => supply.eta)).toEqual(['2026-12-05T00:00:00.000Z']);
});
