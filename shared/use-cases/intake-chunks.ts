import type { IncomingOrder } from '../domain/inputs.js';
import { stockKey } from '../domain/stock.js';

/**
 * Cuts a batch of orders into chunks of at most `maxItems` transaction items each, counting what an
 * order whose stock is there writes: its order item (whose own condition also finds a change its
 * channel sent first), and one stock write per distinct level in the chunk, shared by the orders
 * that take from it.
 *
 * Orders that share a level (or an order id) form a group and keep their order, so that taking
 * them chunk after chunk ends as taking them one by one. Groups share nothing, so they are packed
 * whole where they fit (first fit, in the order they first appear): 100 orders on 10 SKUs make one
 * chunk of 9 SKUs' orders and one of the last SKU's, 10 stock writes in all, not 20. A group too
 * large for one chunk is cut in its own order. An order found short needs more items than counted
 * (waiting items); its decision sends the orders that no longer fit to a next transaction.
 */
export const chunkByItems = <Entry>(
  entries: readonly Entry[],
  stockOf: (entry: Entry) => IncomingOrder,
  maxItems: number,
): Entry[][] => {
  const keysOf = entries.map((entry) => {
    const input = stockOf(entry);
    const levels = input.lines.flatMap((line) => (line.sku ? [stockKey(input.warehouseId, line.sku)] : []));
    return { levels: [...new Set(levels)], order: `order:${input.orderId}` };
  });
  // Union-find over entries joined by a shared level or order id.
  const parent = entries.map((_, index) => index);
  const root = (index: number): number => {
    let at = index;
    while (parent[at] !== at) at = parent[at] as number;
    parent[index] = at;
    return at;
  };
  const firstWith = new Map<string, number>();
  keysOf.forEach(({ levels, order }, index) => {
    for (const key of [...levels, order]) {
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, index);
      else parent[root(index)] = root(first);
    }
  });
  const groups = new Map<number, number[]>();
  entries.forEach((_, index) => {
    const group = groups.get(root(index)) ?? [];
    group.push(index);
    groups.set(root(index), group);
  });

  // Each group as pieces that fit one chunk, in its own order.
  const pieces: Array<{ indexes: number[]; items: number }> = [];
  for (const indexes of groups.values()) {
    let piece = { indexes: [] as number[], items: 0 };
    let levels = new Set<string>();
    for (const index of indexes) {
      const orderLevels = keysOf[index]?.levels ?? [];
      let fresh = orderLevels.filter((level) => !levels.has(level));
      if (piece.indexes.length > 0 && piece.items + 1 + fresh.length > maxItems) {
        pieces.push(piece);
        piece = { indexes: [], items: 0 };
        levels = new Set();
        fresh = orderLevels;
      }
      piece.indexes.push(index);
      piece.items += 1 + fresh.length;
      for (const level of fresh) levels.add(level);
    }
    pieces.push(piece);
  }

  // First fit: a piece goes to the first chunk it fits in after its group's previous piece.
  const chunks: Array<{ indexes: number[]; items: number }> = [];
  const lastChunkOfGroup = new Map<number, number>();
  for (const piece of pieces) {
    const group = root(piece.indexes[0] as number);
    const after = (lastChunkOfGroup.get(group) ?? -1) + 1;
    let at = chunks.findIndex((chunk, index) => index >= after && chunk.items + piece.items <= maxItems);
    if (at < 0) {
      at = chunks.length;
      chunks.push({ indexes: [], items: 0 });
    }
    const chunk = chunks[at] as { indexes: number[]; items: number };
    chunk.indexes.push(...piece.indexes);
    chunk.items += piece.items;
    lastChunkOfGroup.set(group, at);
  }
  return chunks.map((chunk) => chunk.indexes.sort((a, b) => a - b).map((index) => entries[index] as Entry));
};
