import type { KitBook, KitComponent } from '../domain/kit.js';

/**
 * Why a kit definition cannot be kept, or undefined when it can: a kit may not contain itself, nor
 * a kit that (through any other kit) contains it, so that every kit resolves to stock SKUs.
 *
 * @example
 * ```ts
 * kitDefinitionProblem({}, 'K', [{ sku: 'K', quantity: 1 }]); // 'Kit K cannot contain itself'
 * ```
 */
export const kitDefinitionProblem = (
  book: KitBook,
  sku: string,
  components: readonly KitComponent[],
): string | undefined => {
  if (components.some((component) => component.sku === sku)) return `Kit ${sku} cannot contain itself`;
  const next: KitBook = { ...book, [sku]: components };
  const path: string[] = [];
  const visiting = new Set<string>();
  const cycleFrom = (current: string): boolean => {
    if (visiting.has(current)) return true;
    visiting.add(current);
    path.push(current);
    for (const component of next[current] ?? []) if (cycleFrom(component.sku)) return true;
    path.pop();
    visiting.delete(current);
    return false;
  };
  return cycleFrom(sku)
    ? `Kit ${sku} would contain itself through ${[...path, path[0]].join(' → ')}`
    : undefined;
};

/**
 * The stock SKUs one kit is made of and the units of each per kit, nested kits resolved.
 *
 * @example
 * ```ts
 * componentUnits({ K: [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }] }, 'K'); // Map { A → 2, B → 1 }
 * ```
 */
export const componentUnits = (book: KitBook, sku: string, times = 1): Map<string, number> => {
  const units = new Map<string, number>();
  for (const component of book[sku] ?? []) {
    if (book[component.sku]) {
      for (const [inner, count] of componentUnits(book, component.sku, times * component.quantity))
        units.set(inner, (units.get(inner) ?? 0) + count);
    } else {
      units.set(component.sku, (units.get(component.sku) ?? 0) + times * component.quantity);
    }
  }
  return units;
};

/**
 * Whole kits that free stock can make, at most `wanted`: a kit line is allocated in whole kits
 * only, so the scarcest component decides.
 *
 * @example
 * ```ts
 * // 2 × A + 1 × B, with A = 4 and B = 1 free: one kit.
 * wholeKits(new Map([['A', 2], ['B', 1]]), (sku) => ({ A: 4, B: 1 })[sku] ?? 0, 2); // 1
 * ```
 */
export const wholeKits = (
  perKit: ReadonlyMap<string, number>,
  free: (sku: string) => number,
  wanted: number,
): number =>
  Math.max(
    0,
    Math.min(wanted, ...[...perKit].map(([sku, units]) => Math.floor(Math.max(0, free(sku)) / units))),
  );
