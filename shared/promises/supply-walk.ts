import { byEta, type InboundSupply, isOpen, outstandingOf } from '../domain/inbound.js';

/** Units of one inbound line set aside for one waiting line. */
export interface PromisedUnits {
  inboundId: string;
  units: number;
}

/** What a waiting line is told: when its last missing unit arrives, and from which supply. */
export interface LinePromise {
  /** ETA of the supply that covers the last missing unit; `null` when open supply does not cover it. */
  expectedBy: string | null;
  /** The inbound units set aside for it (also when they do not cover all of it). */
  taken: PromisedUnits[];
}

/**
 * The open supply of one SKU at one warehouse, handed out in ETA order to the lines of that SKU's
 * queue, in queue order: earlier orders take supply first, and each unit is promised once. A line
 * that the remaining supply cannot cover still takes what is left (as a receipt would give it to
 * the first waiting order), so the lines behind it are not covered either.
 *
 * Pure and incremental: a caller reading the queue page by page calls `take` per line, and stops
 * reading once `exhausted` (every line further back is `null`).
 */
export class SupplyWalk {
  private readonly supply: Array<{ inboundId: string; eta: string; left: number }>;
  private next = 0;

  constructor(supply: readonly InboundSupply[]) {
    this.supply = supply
      .filter(isOpen)
      .filter((each) => !Number.isNaN(Date.parse(each.eta)))
      .sort(byEta)
      .map((each) => ({ inboundId: each.inboundId, eta: each.eta, left: outstandingOf(each) }));
  }

  /** True once every open unit is promised: the lines further back are all `null`. */
  get exhausted(): boolean {
    return this.next >= this.supply.length;
  }

  /** The next line in queue order, short of `units`. */
  take(units: number): LinePromise {
    const taken: PromisedUnits[] = [];
    let missing = units;
    let expectedBy: string | null = null;
    while (missing > 0 && !this.exhausted) {
      const current = this.supply[this.next] as (typeof this.supply)[number];
      const units = Math.min(missing, current.left);
      taken.push({ inboundId: current.inboundId, units });
      current.left -= units;
      missing -= units;
      if (missing === 0) expectedBy = current.eta;
      if (current.left === 0) this.next += 1;
    }
    return { expectedBy, taken };
  }
}

/** One line of a SKU's queue: the order, and the units of that SKU it is still short of. */
export interface QueuedShortfall {
  orderId: string;
  units: number;
}

/** Every line of one SKU queue (in queue order) against that SKU's supply at the same warehouse. */
export const promisesOf = (
  queue: readonly QueuedShortfall[],
  supply: readonly InboundSupply[],
): Map<string, LinePromise> => {
  const walk = new SupplyWalk(supply);
  return new Map(queue.map((line) => [line.orderId, walk.take(line.units)]));
};
