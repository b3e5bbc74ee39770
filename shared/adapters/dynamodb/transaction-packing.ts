import { stockKey } from '../../domain/stock.js';
import { jsonBytes } from '../../limits.js';
import { MAX_TRANSACTION_ITEMS } from '../../ports/backorder-repository.js';
import { availableDelta, type TransactItem, type WriteUnit } from './decision-writes.js';
import { netMovements, stockWrites } from './stock-updates.js';
import { DecisionTooLargeError, MAX_TRANSACTION_BYTES } from './transaction-errors.js';

export type Batch = { kind: 'atomic'; units: WriteUnit[] } | { kind: 'oversized'; unit: WriteUnit };

/** The label of the stock-only writes that take stock (a count going down), split off `stock`. */
export const STOCK_TAKEN_LABEL = 'stock-taken';

/** More than one conditional stock update weighs as JSON (table name, expressions, values). */
const STOCK_UPDATE_BYTES = 2 * 1024;

/** A write's weight in a transaction, over-counted as its JSON (names, expressions and all). */
export const transactItemBytes = (item: TransactItem): number => jsonBytes(item);

/** Stock updates the units write: one per level they move, and one per other level they list. */
const stockWriteCount = (units: readonly WriteUnit[]): number =>
  stockWrites(
    '',
    '',
    units.flatMap((unit) => unit.movements),
    units.flatMap((unit) => unit.listed),
    '',
  ).length;

export const itemCount = (units: readonly WriteUnit[]): number =>
  units.reduce((sum, unit) => sum + unit.items.length + unit.early.length + unit.late.length, 0) +
  stockWriteCount(units);

const unitBytes = (unit: WriteUnit): number =>
  [...unit.items, ...unit.early, ...unit.late].reduce((sum, item) => sum + transactItemBytes(item), 0) +
  stockWriteCount([unit]) * STOCK_UPDATE_BYTES;

/** How a unit's net change to one stock level bears on the order of transactions. */
const levelEffects = (unit: WriteUnit) => {
  const gives = new Set<string>();
  const takes = new Set<string>();
  for (const movement of netMovements(unit.movements)) {
    const key = stockKey(movement.warehouseId, movement.sku);
    const available = movement.onHand - movement.allocated;
    // Its stock write is conditional on available (or on-hand) stock: it needs the givers before it.
    if (available < 0 || movement.onHand < 0) takes.add(key);
    else if (available > 0 || movement.onHand > 0) gives.add(key);
  }
  return { gives, takes };
};

/**
 * The stock-only unit moves levels independently of each other and of any order, so it is split
 * in two: what it gives goes before the orders that use it, what it takes after the orders that
 * free it (a count down that takes stock back from orders which the same count serves elsewhere).
 */
const splitStockUnit = (units: readonly WriteUnit[]): WriteUnit[] =>
  units.flatMap((unit) => {
    const stockOnly =
      unit.label === 'stock' && unit.items.length + unit.early.length + unit.late.length === 0;
    if (!stockOnly) return [unit];
    const { takes } = levelEffects(unit);
    const taking = unit.movements.filter((m) => takes.has(stockKey(m.warehouseId, m.sku)));
    if (taking.length === 0) return [unit];
    const giving = unit.movements.filter((m) => !takes.has(stockKey(m.warehouseId, m.sku)));
    const part = (
      label: string,
      movements: WriteUnit['movements'],
      listed: WriteUnit['listed'],
    ): WriteUnit[] =>
      movements.length > 0 || listed.length > 0
        ? [{ label, items: [], early: [], late: [], movements, listed }]
        : [];
    return [...part('stock', giving, unit.listed), ...part(STOCK_TAKEN_LABEL, taking, [])];
  });

/**
 * The order in which units are committed when they need more than one transaction: a unit whose
 * stock write is conditional on a level comes after every unit that gives to that level, so no
 * transaction fails for want of stock a later one of the same decision would have freed. Among
 * units free to go, those that free most stock go first; a cycle (each needing what the other
 * frees) is broken the same way. Deterministic: ties keep the decision's order.
 */
export const commitOrder = (units: readonly WriteUnit[]): WriteUnit[] => {
  const split = splitStockUnit(units);
  const effects = split.map(levelEffects);
  const waitsFor = split.map((_, taker) =>
    split
      .map((_, giver) => giver)
      .filter(
        (giver) =>
          giver !== taker && [...(effects[taker]?.takes ?? [])].some((key) => effects[giver]?.gives.has(key)),
      ),
  );
  const done = new Set<number>();
  const ordered: WriteUnit[] = [];
  const better = (a: number, b: number) =>
    availableDelta(split[a] as WriteUnit) > availableDelta(split[b] as WriteUnit) ? a : b;
  while (ordered.length < split.length) {
    const left = split.map((_, index) => index).filter((index) => !done.has(index));
    const ready = left.filter((index) => (waitsFor[index] ?? []).every((giver) => done.has(giver)));
    const next = (ready.length > 0 ? ready : left).reduceRight(better);
    done.add(next);
    ordered.push(split[next] as WriteUnit);
  }
  return ordered;
};

/**
 * An oversized unit's writes that must land together go in its last transaction, with one delete
 * per reservation chunk and the key: refused before the decision writes anything if they cannot.
 */
const refuseUnfinishable = (unit: WriteUnit) => {
  const chunked = unit.early.length + netMovements(unit.movements).length;
  const items = unit.items.length + 1 + Math.ceil((chunked + 1) / (MAX_TRANSACTION_ITEMS - 2));
  const bytes = unit.items.reduce((sum, item) => sum + transactItemBytes(item), 0);
  if (items > MAX_TRANSACTION_ITEMS || bytes > MAX_TRANSACTION_BYTES)
    throw new DecisionTooLargeError(unit.label, items, bytes);
};

/**
 * Groups units, in commit order, into as few transactions as fit DynamoDB's limits (100 items,
 * 4 MB), keeping `reserved` items of each for the idempotency key; a unit too large for any
 * transaction goes alone, through reservations.
 */
export const pack = (units: readonly WriteUnit[], reserved: number): Batch[] => {
  const batches: Batch[] = [];
  let current: WriteUnit[] = [];
  let bytes = 0;
  const limit = MAX_TRANSACTION_ITEMS - reserved;
  const close = () => {
    if (current.length > 0) batches.push({ kind: 'atomic', units: current });
    current = [];
    bytes = 0;
  };
  for (const unit of commitOrder(units)) {
    const weight = unitBytes(unit);
    if (itemCount([unit]) > limit || weight > MAX_TRANSACTION_BYTES) {
      refuseUnfinishable(unit);
      close();
      batches.push({ kind: 'oversized', unit });
      continue;
    }
    if (
      current.length > 0 &&
      (itemCount([...current, unit]) > limit || bytes + weight > MAX_TRANSACTION_BYTES)
    )
      close();
    current.push(unit);
    bytes += weight;
  }
  close();
  return batches;
};
