import { type InboundSupply, isOpen, outstandingOf } from '../domain/inbound.js';

/** Units a SKU is short of, and the day expected supply covers them (when it does). */
export interface ExpectedArrival {
  sku: string;
  units: number;
  /** `YYYY-MM-DD` as the ETA states it (the supplier's own calendar day, not converted to UTC). */
  date?: string;
}

const dateOf = (eta: string): string | undefined => {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(eta)?.[0];
  return day && !Number.isNaN(Date.parse(eta)) ? day : undefined;
};

/**
 * The earliest ETA by which the warehouse's inbound supply of the SKU adds up to the units
 * needed. It does not know which other orders wait for the same supply, so it is the soonest the
 * stock could be there, not a promise.
 */
const arrivalDate = (
  inbound: readonly InboundSupply[],
  warehouseId: string,
  sku: string,
  units: number,
): string | undefined => {
  const supply = inbound
    .filter((each) => each.warehouseId === warehouseId && each.sku === sku && isOpen(each))
    .filter((each) => dateOf(each.eta) !== undefined)
    .sort((a, b) => Date.parse(a.eta) - Date.parse(b.eta));
  let covered = 0;
  for (const each of supply) {
    covered += outstandingOf(each);
    if (covered >= units) return dateOf(each.eta);
  }
  return undefined;
};

/** Units short per SKU, in the order the SKUs first appear (two lines of one SKU add up). */
export const unitsBySku = (
  lines: ReadonlyArray<{ sku: string | null; units: number }>,
): Map<string, number> => {
  const needs = new Map<string, number>();
  for (const line of lines) {
    if (line.sku !== null && line.units > 0) needs.set(line.sku, (needs.get(line.sku) ?? 0) + line.units);
  }
  return needs;
};

/** Per SKU, the ETA its waiting line is promised in the SKU's queue (`null`: not covered). */
export type Promised = ReadonlyMap<string, string | null>;

/**
 * When each SKU's missing units are expected: the date promised to the order in the SKU's queue
 * when known, else the earliest date the supply could cover them.
 */
export const expectedArrivals = (
  needs: ReadonlyMap<string, number>,
  inbound: readonly InboundSupply[],
  warehouseId: string,
  promised: Promised = new Map(),
): ExpectedArrival[] =>
  [...needs].map(([sku, units]) => {
    const promise = promised.get(sku);
    const date =
      promise !== undefined
        ? promise === null
          ? undefined
          : dateOf(promise)
        : arrivalDate(inbound, warehouseId, sku, units);
    return { sku, units, ...(date ? { date } : {}) };
  });

/** When all of it is there: the latest of the dates, or nothing while any SKU has none. */
export const allArrivedBy = (arrivals: readonly ExpectedArrival[]): string | undefined => {
  if (arrivals.length === 0 || arrivals.some((arrival) => !arrival.date)) return undefined;
  return arrivals
    .map((arrival) => arrival.date ?? '')
    .sort()
    .at(-1);
};
