import type { KitBook } from '../domain/kit.js';
import type { OrderLine, SaleOrder } from '../domain/order.js';
import { componentUnits } from './kits.js';

/** A line that holds one component of a kit line (DESIGN §14): the kit's stock is its components'. */
export type KitComponentLine = OrderLine & { sku: string; kitLineId: string; kitSku: string; perKit: number };

export const isKitComponent = (line: OrderLine): line is KitComponentLine =>
  line.kitLineId !== undefined && line.sku !== null && (line.perKit ?? 0) > 0;

/**
 * An order's lines with each kit line replaced by one line per component SKU (nested kits
 * resolved), tied to the kit line, so that every rule allocates, waits and receives per component.
 *
 * @example
 * ```ts
 * expandKitLines({ K: [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }] }, [{ lineId: 'L1', sku: 'K', quantity: 2, allocated: 0 }]);
 * // [{ lineId: 'L1/A', sku: 'A', quantity: 4, kitLineId: 'L1', kitSku: 'K', perKit: 2, … }, { lineId: 'L1/B', … quantity: 2 … }]
 * ```
 */
export const expandKitLines = <Line extends Pick<OrderLine, 'lineId' | 'sku' | 'quantity'>>(
  book: KitBook | undefined,
  lines: readonly Line[],
): Array<Line & Pick<OrderLine, 'kitLineId' | 'kitSku' | 'perKit'>> =>
  lines.flatMap((line): Array<Line & Pick<OrderLine, 'kitLineId' | 'kitSku' | 'perKit'>> => {
    if (!book || line.sku === null || !book[line.sku]) return [line];
    const kitSku = line.sku;
    return [...componentUnits(book, kitSku)].map(([sku, perKit]) => ({
      ...line,
      lineId: `${line.lineId}/${sku}`,
      sku,
      quantity: line.quantity * perKit,
      kitLineId: line.lineId,
      kitSku,
      perKit,
    }));
  });

/** The component lines of each kit line of an order, by kit line id. */
/** An incoming order as stock sees it: its kit lines as their components (for reads and budgets). */
export const withKitComponents = <
  Order extends { lines: ReadonlyArray<Pick<OrderLine, 'lineId' | 'sku' | 'quantity'>> },
>(
  book: KitBook | undefined,
  order: Order,
): Order =>
  book && Object.keys(book).length > 0 ? { ...order, lines: expandKitLines(book, order.lines) } : order;

export const kitGroups = (lines: readonly OrderLine[]): Map<string, KitComponentLine[]> => {
  const groups = new Map<string, KitComponentLine[]>();
  for (const line of lines.filter(isKitComponent))
    groups.set(line.kitLineId, [...(groups.get(line.kitLineId) ?? []), line]);
  return groups;
};

/** Kits a kit line orders. */
export const kitsOrdered = (group: readonly KitComponentLine[]): number =>
  Math.min(...group.map((line) => Math.floor(line.quantity / line.perKit)));

/** Whole kits that units (allocated by default) of a kit line's components make. */
export const kitsHeld = (
  group: readonly KitComponentLine[],
  units: (line: KitComponentLine) => number = (line) => line.allocated,
): number => Math.min(...group.map((line) => Math.floor(units(line) / line.perKit)));

/**
 * Trims an allocation plan (units per line id) so that each kit line takes whole kits only: the
 * scarcest component decides, and the other components' excess stays free.
 */
export const planWholeKits = (
  lines: readonly OrderLine[],
  plan: Map<string, number>,
): Map<string, number> => {
  for (const group of kitGroups(lines).values()) {
    const kits = kitsHeld(group, (line) => plan.get(line.lineId) ?? 0);
    for (const line of group) plan.set(line.lineId, kits * line.perKit);
  }
  return plan;
};

/** Kit lines of an order allocated in other than whole kits (the invariant of DESIGN §14). */
export const partialKitLines = (order: Pick<SaleOrder, 'lines'>): string[] =>
  [...kitGroups(order.lines)]
    .filter(([, group]) => group.some((line) => line.allocated !== kitsHeld(group) * line.perKit))
    .map(([kitLineId]) => kitLineId);

/**
 * Sentences naming the whole kits a change to an order allocated or gave back, with their
 * components, for a dry run's explanation.
 *
 * @example
 * ```ts
 * kitSentences(before, after); // ['1 kit of K: 2 × A, 1 × B → O line 1 (1 of 2 kits allocated).']
 * ```
 */
export const kitSentences = (before: SaleOrder | null, after: SaleOrder): string[] => {
  const earlier = kitGroups(before?.lines ?? []);
  return [...kitGroups(after.lines)].flatMap(([kitLineId, group]) => {
    const previous = earlier.get(kitLineId);
    const delta = kitsHeld(group) - (previous ? kitsHeld(previous) : 0);
    if (delta === 0) return [];
    const kits = Math.abs(delta);
    const parts = group.map((line) => `${kits * line.perKit} × ${line.sku}`).join(', ');
    const arrow = delta > 0 ? '→' : '←';
    return [
      `${kits} kit${kits === 1 ? '' : 's'} of ${group[0]?.kitSku}: ${parts} ${arrow} ${after.orderId} line ${kitLineId} (${kitsHeld(group)} of ${kitsOrdered(group)} kits allocated).`,
    ];
  });
};
