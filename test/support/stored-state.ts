import { heldSkus } from '../../shared/adapters/dynamodb/holding-records.js';
import type { Item } from '../../shared/adapters/dynamodb/items.js';
import {
  holdingPartition,
  outboxPartition,
  timerPartition,
  waitingPartition,
} from '../../shared/adapters/dynamodb/keys.js';
import { findInvariantViolations } from '../../shared/allocation/invariants.js';
import type { HistoryEntry } from '../../shared/domain/history.js';
import type { IncomingOrder } from '../../shared/domain/inputs.js';
import { type SaleOrder, shortLines } from '../../shared/domain/order.js';
import type { StockLevel } from '../../shared/domain/stock.js';
import { OUTGOING_DETAIL_SCHEMAS, type OutgoingEvent } from '../../shared/events/outgoing-events.js';
import type { RepositoryHarness } from './repository-harness.js';

/**
 * Checks of everything a test reads back from the table: the invariants of DESIGN §4 and the
 * bookkeeping the adapter keeps beside them (history chains, waiting items, outbox, index keys).
 *
 *   const state = await harness.readAll();
 *   expect(storedStateProblems(state, originalsOf(inputs))).toEqual([]);
 */
export type StoredState = Awaited<ReturnType<RepositoryHarness['readAll']>>;

/** Root order id → line id → units ordered, for the split-family check. */
export type Originals = Map<string, Map<string, number>>;

export const originalsOf = (inputs: readonly IncomingOrder[]): Originals =>
  new Map(
    inputs.map((input) => [input.orderId, new Map(input.lines.map((line) => [line.lineId, line.quantity]))]),
  );

export const reservationsOf = (state: StoredState): Item[] =>
  state.items.filter((item) => item.entity === 'reservation');

/** Stock as the orders see it: whatever leftover reservations moved is taken out again. */
const stockNetOfReservations = (state: StoredState): StockLevel[] => {
  const stock = state.stock.map((level) => ({ ...level }));
  for (const reservation of reservationsOf(state)) {
    const movements = reservation.movements as Array<{
      warehouseId: string;
      sku: string;
      onHand: number;
      allocated: number;
    }>;
    for (const movement of movements) {
      const level = stock.find(
        (candidate) =>
          candidate.tenantId === reservation.tenantId &&
          candidate.warehouseId === movement.warehouseId &&
          candidate.sku === movement.sku,
      );
      if (!level) continue;
      level.onHand -= movement.onHand;
      level.allocated -= movement.allocated;
    }
  }
  return stock;
};

export const historyItemsOf = (state: StoredState, orderId: string): Item[] =>
  state.historyItems
    .filter((item) => item.orderId === orderId)
    .sort((a, b) => Number(a.version) - Number(b.version));

export const historyOf = (state: StoredState, orderId: string): HistoryEntry[] =>
  state.history.filter((entry) => entry.orderId === orderId).sort((a, b) => a.version - b.version);

/** The detail types of the events each history entry of an order carries, version by version. */
export const eventTypesOf = (state: StoredState, orderId: string): string[][] =>
  historyItemsOf(state, orderId).map((item) =>
    ((item.events as OutgoingEvent[] | undefined) ?? []).map((event) => event.detailType),
  );

export const orderOf = (state: StoredState, orderId: string): SaleOrder => {
  const order = state.orders.find((candidate) => candidate.orderId === orderId);
  if (!order) throw new Error(`No order ${orderId} in the table`);
  return order;
};

/** `[onHand, allocated]` of one stock level, `[0, 0]` when it was never written. */
export const levelOf = (state: StoredState, sku: string, warehouseId = 'main'): [number, number] => {
  const level = state.stock.find(
    (candidate) => candidate.sku === sku && candidate.warehouseId === warehouseId,
  );
  return level ? [level.onHand, level.allocated] : [0, 0];
};

type LineLike = { lineId: string; sku: string | null; quantity: number; allocated: number };
/** Compares the fields history keeps, whatever order DynamoDB returned the map keys in. */
const sameLines = (a: readonly LineLike[], b: readonly LineLike[]) =>
  JSON.stringify(a.map(({ lineId, sku, quantity, allocated }) => [lineId, sku, quantity, allocated])) ===
  JSON.stringify(b.map(({ lineId, sku, quantity, allocated }) => [lineId, sku, quantity, allocated]));

/** History is a gap-free chain per order whose last link is the order as stored. */
const historyProblems = (state: StoredState, order: SaleOrder): string[] => {
  const entries = historyOf(state, order.orderId).filter((entry) => entry.tenantId === order.tenantId);
  const problems: string[] = [];
  if (entries.length !== order.version) {
    problems.push(`${order.orderId}: version ${order.version} but ${entries.length} history entries`);
  }
  entries.forEach((entry, index) => {
    if (entry.version !== index + 1) problems.push(`${order.orderId}: history skips to v${entry.version}`);
    const previous = entries[index - 1];
    if (previous && !sameLines(previous.linesAfter, entry.linesBefore))
      problems.push(`${order.orderId} v${entry.version}: lines before differ from v${previous.version}`);
    if (previous && previous.statusAfter !== entry.statusBefore)
      problems.push(`${order.orderId} v${entry.version}: status before differs from v${previous.version}`);
    if (!previous && entry.statusBefore !== null)
      problems.push(`${order.orderId}: the first history entry has a status before`);
    if (!entry.policy) problems.push(`${order.orderId} v${entry.version}: no policy recorded`);
  });
  const last = entries.at(-1);
  if (last && (last.statusAfter !== order.status || !sameLines(last.linesAfter, order.lines))) {
    problems.push(`${order.orderId}: the last history entry disagrees with the order`);
  }
  const onOrderItem = state.historyItems.filter(
    (item) => item.heldBy === 'order' && item.orderId === order.orderId && item.tenantId === order.tenantId,
  );
  if (onOrderItem.length !== 1 || onOrderItem[0]?.version !== order.version) {
    problems.push(`${order.orderId}: the order item does not hold its latest history entry`);
  }
  return problems;
};

/**
 * Events ride on the history entry of the order they concern (on the order item while it is the
 * latest, else on its own history item), which the sparse outbox index lists until they are published.
 */
const outboxProblems = (item: Item): string[] => {
  const where = `${item.orderId} v${item.version}`;
  const events = (item.events as OutgoingEvent[] | undefined) ?? [];
  const problems: string[] = [];
  if (events.length === 0) {
    if (item.outboxPk !== undefined || item.outboxSk !== undefined || item.events !== undefined)
      problems.push(`${where}: outbox attributes without events`);
    return problems;
  }
  if (item.outboxSlot !== `v${item.version}`)
    problems.push(`${where}: outboxSlot ${String(item.outboxSlot)}`);
  // Once published, the entry keeps its events but is off the index.
  const published = item.publishedAt !== undefined;
  const [outboxPk, outboxSk] = published
    ? [undefined, undefined]
    : [outboxPartition(`${item.orderId}#${item.version}`), `${item.at}#${item.orderId}#${item.version}`];
  if (item.outboxPk !== outboxPk) problems.push(`${where}: outboxPk ${String(item.outboxPk)}`);
  if (item.outboxSk !== outboxSk) problems.push(`${where}: outboxSk ${String(item.outboxSk)}`);
  for (const event of events) {
    const parsed = OUTGOING_DETAIL_SCHEMAS[event.detailType].safeParse(event.detail);
    if (!parsed.success) problems.push(`${where}: ${event.detailType} does not match its schema`);
    if (event.detail.orderId !== item.orderId || event.detail.causationId !== item.triggerEventId)
      problems.push(`${where}: ${event.detailType} names another order or trigger`);
  }
  return problems;
};

/** An order's index attributes, and a waiting item for exactly each SKU it waits for. */
const indexProblems = (state: StoredState, order: SaleOrder): string[] => {
  const problems: string[] = [];
  const item = state.items.find(
    (candidate) =>
      candidate.entity === 'order' &&
      candidate.orderId === order.orderId &&
      candidate.tenantId === order.tenantId,
  );
  if (item?.statusPk !== `${order.tenantId}#${order.status}`) problems.push(`${order.orderId}: statusPk`);
  const timed = Boolean(order.splitDueAt) && order.status === 'AwaitingStock';
  if (timed !== (item?.timerPk === timerPartition(order.orderId))) problems.push(`${order.orderId}: timerPk`);
  const expected = order.status === 'AwaitingStock' ? [...new Set(shortLines(order).map((l) => l.sku))] : [];
  const waits = state.waits.filter(
    (wait) => wait.orderId === order.orderId && wait.tenantId === order.tenantId,
  );
  const found = waits.map((wait) => String(wait.sku));
  if (expected.sort().join() !== found.sort().join())
    problems.push(`${order.orderId}: waits for [${expected}] but has waiting items [${found}]`);
  for (const wait of waits) {
    if (wait.waitPk !== waitingPartition(order.tenantId, order.warehouseId, String(wait.sku)))
      problems.push(`${order.orderId}: waiting item in the wrong queue`);
  }
  // Among the holders of exactly each SKU it holds and may give back: by the order item, then hold items.
  const holdings = [
    item,
    ...state.items.filter(
      (hold) => hold.entity === 'hold' && hold.orderId === order.orderId && hold.tenantId === order.tenantId,
    ),
  ]
    .map((holder) => String(holder?.waitPk ?? ''))
    .filter((partition) => partition.startsWith('HOLD#'));
  const held = heldSkus(order).map((sku) => holdingPartition(order.tenantId, order.warehouseId, sku));
  if (held.sort().join() !== holdings.sort().join())
    problems.push(`${order.orderId}: holds [${held}] but is listed among the holders of [${holdings}]`);
  return problems;
};

/**
 * Every problem with the stored state (empty when all is well): the invariants of DESIGN §4, with
 * leftover reservations counted in, plus the adapter's own bookkeeping. Split families are checked
 * against `originals` by order id, so pass one tenant's state with them.
 */
export const storedStateProblems = (state: StoredState, originals?: Originals): string[] => {
  const problems = findInvariantViolations(stockNetOfReservations(state), state.orders, originals);
  for (const item of state.items.filter((candidate) => candidate.entity === 'stock')) {
    if (Number(item.available) !== Number(item.onHand) - Number(item.allocated))
      problems.push(`${String(item.sku)}: stored available ${String(item.available)} disagrees`);
  }
  for (const order of state.orders)
    problems.push(...historyProblems(state, order), ...indexProblems(state, order));
  const orderIds = new Set(state.orders.map((order) => `${order.tenantId}#${order.orderId}`));
  for (const wait of state.waits) {
    if (!orderIds.has(`${String(wait.tenantId)}#${String(wait.orderId)}`))
      problems.push(`waiting item for missing order ${String(wait.orderId)}`);
  }
  for (const item of state.historyItems) problems.push(...outboxProblems(item));
  return problems;
};

/** The part of the table that belongs to one tenant (tests keep tenants apart to share a table). */
export const tenantState = (state: StoredState, tenantId: string): StoredState => {
  const mine = (item: Item) => String(item.pk).startsWith(`T#${tenantId}#`) || item.pk === `T#${tenantId}`;
  return {
    items: state.items.filter(mine),
    orders: state.orders.filter((order) => order.tenantId === tenantId),
    stock: state.stock.filter((level) => level.tenantId === tenantId),
    history: state.history.filter((entry) => entry.tenantId === tenantId),
    historyItems: state.historyItems.filter(mine),
    waits: state.waits.filter(mine),
  };
};

/**
 * Reads the whole table back, expects every check to pass on all of it (and the family check on
 * the tenant's part) and no reservation to be left over, and returns the tenant's part.
 */
export const readChecked = async (
  harness: Pick<RepositoryHarness, 'readAll'>,
  tenantId: string,
  originals?: Originals,
): Promise<StoredState> => {
  const state = await harness.readAll();
  expect(storedStateProblems(state)).toEqual([]);
  expect(reservationsOf(state)).toEqual([]);
  const mine = tenantState(state, tenantId);
  if (originals) expect(storedStateProblems(mine, originals)).toEqual([]);
  return mine;
};
