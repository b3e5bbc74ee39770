import { applyDecision, mergeDecisions } from '../allocation/compose.js';
import type { Decision, OrderChange, StateSnapshot } from '../allocation/decision.js';
import { decideIntake } from '../allocation/intake.js';
import { withKitComponents } from '../allocation/kit-lines.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import type { ChannelChange } from '../domain/channel-change.js';
import { DomainError } from '../domain/errors.js';
import { type IncomingOrder, incomingOrderSchema, parseInput } from '../domain/inputs.js';
import type { KitBook } from '../domain/kit.js';
import { type OrderLine, shortLines } from '../domain/order.js';
import { type StockLevel, stockKey } from '../domain/stock.js';
import type { PolicyConfig } from '../policy/policy.js';
import { resolvePolicy } from '../policy/resolve-policy.js';
import { MAX_TRANSACTION_ITEMS } from '../ports/backorder-repository.js';
import { chunkByItems } from './intake-chunks.js';
import type { AllocationPorts } from './ports.js';
import { runDetailedDecision } from './run-decision.js';
import { incomingClaim, loadWinnerDonors } from './winner-donors.js';

export interface BatchEntry {
  input: IncomingOrder;
  eventId: string;
}

export type BatchResult =
  /** `decision` is the committed one that took the order in, with the rest of its transaction. */
  | { eventId: string; kind: 'accepted'; orderId: string; decision: Decision }
  | { eventId: string; kind: 'duplicate'; orderId: string }
  | { eventId: string; kind: 'failed'; error: Error };

const distinctSkus = (lines: readonly OrderLine[]) =>
  new Set(lines.flatMap((line) => (line.sku ? [line.sku] : []))).size;

/**
 * At most how many items an order's change writes (decision-writes.ts): the order, its previous
 * entry's history item if it had one, a waiting item per SKU it is short of, and a holding item
 * per held SKU after the first.
 */
const changeItems = ({ before, after }: OrderChange): number =>
  (before ? 2 : 1) +
  (after.status === 'AwaitingStock' ? distinctSkus(shortLines(after)) : 0) +
  Math.max(0, distinctSkus(after.lines.filter((line) => line.allocated > 0)) - 1);

/** At most how many items `decisions` write in one transaction: their orders' and one per stock level. */
const transactionItems = (decisions: readonly Decision[]): number =>
  decisions.reduce(
    (sum, decision) => sum + decision.orders.reduce((n, change) => n + changeItems(change), 0),
    0,
  ) + new Set(decisions.flatMap((decision) => decision.movements.map((movement) => levelKey(movement)))).size;

/** A split delay is decided from inbound ETAs, so such orders need them read. */
const mayDelaySplit = (policies: PolicyConfig, input: IncomingOrder): boolean => {
  const { values } = resolvePolicy(policies, {
    channel: input.channel,
    skus: input.lines.flatMap((line) => (line.sku ? [line.sku] : [])),
    ...(input.policyOverride ? { override: input.policyOverride } : {}),
  });
  return values.onShortage === 'split' && values.splitDelayDays > 0;
};

/**
 * Intake of a batch of orders (a burst from the queue), the one intake path: the allocator takes
 * every `Order Received` through it. Orders that compete for the same SKU share one conditional
 * stock write per transaction instead of one each, and are decided one after the other in the
 * order given, so the outcome is the same as taking them one by one. Decided optimistically: stock
 * is assumed to be there, so a chunk whose stock is there costs one request, and one found short
 * is decided again from the levels its failed conditions return.
 */
export const receiveOrders = async (
  ports: AllocationPorts,
  tenantId: string,
  entries: readonly BatchEntry[],
): Promise<BatchResult[]> => {
  // By entry, not by event id: the same event may come twice in one batch.
  const results = new Map<BatchEntry, BatchResult>();
  const valid: BatchEntry[] = [];
  for (const entry of entries) {
    try {
      parseInput(incomingOrderSchema, entry.input, 'order');
      valid.push(entry);
    } catch (error) {
      results.set(entry, { eventId: entry.eventId, kind: 'failed', error: error as Error });
    }
  }
  // A kit line is taken in as its components (DESIGN §14): budgets and stock reads count those.
  // The kits may be a cached copy: an order naming a kit defined since fails its first attempt (a
  // kit SKU has no stock level) and is decided again from kits read fresh (`commitChunk`).
  const kits = valid.length > 0 ? await ports.repository.loadKits(tenantId, { fresh: false }) : {};
  const asStock = (input: IncomingOrder) => withKitComponents(kits, input);
  for (const chunk of chunkByItems(valid, (entry) => asStock(entry.input), MAX_TRANSACTION_ITEMS)) {
    // Orders found short may need more items than assumed: those that no longer fit go next.
    for (let rest = chunk; rest.length > 0; ) {
      try {
        const committed = await commitChunk(ports, tenantId, rest, kits);
        committed.forEach((result, index) => {
          results.set(rest[index] as BatchEntry, result);
        });
        rest = rest.slice(committed.length);
      } catch (error) {
        // Only this chunk's orders failed (throttling, a conflict storm): they come back on their
        // own, while the chunks before and after are kept.
        for (const entry of rest) {
          results.set(entry, { eventId: entry.eventId, kind: 'failed', error: error as Error });
        }
        rest = [];
      }
    }
  }
  return entries.map((entry) => results.get(entry) as BatchResult);
};

const levelKey = (level: Pick<StockLevel, 'warehouseId' | 'sku'>) => stockKey(level.warehouseId, level.sku);

/**
 * Enough stock assumed for every line of the chunk: the first write then costs one request when the
 * stock is there; where it is not, the failed conditions return the real levels to decide again from.
 */
const assumedLevels = (
  tenantId: string,
  chunk: readonly BatchEntry[],
  kits: KitBook,
  channelChanges: ReadonlyMap<string, ChannelChange> = new Map(),
): StockLevel[] => {
  const needs = new Map<string, StockLevel>();
  // The lines a change its channel sent first gives an order may need more than the order's own.
  const early = chunk.flatMap(({ input }) => {
    const lines = channelChanges.get(input.orderId)?.lines;
    return lines ? [{ ...input, lines }] : [];
  });
  for (const input of [...chunk.map((entry) => entry.input), ...early].map((input) =>
    withKitComponents(kits, input),
  )) {
    for (const line of input.lines) {
      if (!line.sku) continue;
      const target = { warehouseId: input.warehouseId, sku: line.sku };
      const level = needs.get(levelKey(target)) ?? { tenantId, ...target, onHand: 0, allocated: 0 };
      level.onHand += line.quantity;
      needs.set(levelKey(target), level);
    }
  }
  return [...needs.values()];
};

/**
 * What an attempt reads for a chunk, and keeps for the next one rather than read again: the kits it
 * expands, the orders found stored already, the levels found (a failed condition's or a read's;
 * every other level is assumed sufficient), how many attempts found stock short, and whether the
 * inbound ETAs were read.
 */
interface ChunkSnapshot extends StateSnapshot {
  kits: KitBook;
  stored: ReadonlySet<string>;
  known: ReadonlyMap<string, StockLevel>;
  stockConflicts: number;
  inboundRead: boolean;
}

/**
 * What an attempt made of the chunk's entries, by position: how many it took, from the first (the
 * rest go next), those refused, and those repeating an order id earlier in the batch (duplicates,
 * not failures). Refusals and repeats are kept from the attempts before: a refused order is not
 * decided again.
 */
interface ChunkDetail {
  taken: number;
  failed: ReadonlyMap<number, Error>;
  repeats: ReadonlySet<number>;
}

const commitChunk = async (
  ports: AllocationPorts,
  tenantId: string,
  chunk: BatchEntry[],
  cachedKits: KitBook,
): Promise<BatchResult[]> => {
  const { decision, snapshot, detail } = await runDetailedDecision<ChunkSnapshot, ChunkDetail>(ports, {
    tenantId,
    eventId: chunk[0]?.eventId ?? 'batch',
    actor: SYSTEM_ACTOR,
    load: async (policies, conflict, previous) => {
      const stored = new Set([
        ...(previous?.stored ?? []),
        ...(conflict?.found.orders ?? []).map((order) => order.orderId),
      ]);
      // Changes the channel sent before these orders, found by the orders' own conditions (DESIGN §10).
      const channelChanges = new Map(
        [...(previous?.channelChanges ?? []), ...(conflict?.found.channelChanges ?? [])].map(
          (change): [string, ChannelChange] => [change.orderId, change],
        ),
      );
      // Decided again: the kits as they are now, so a kit defined a moment ago is expanded.
      const kits = conflict ? await ports.repository.loadKits(tenantId) : (previous?.kits ?? cachedKits);
      const assumed = assumedLevels(tenantId, chunk, kits, channelChanges);
      const found = conflict?.found.stock ?? [];
      const stockConflicts = (previous?.stockConflicts ?? 0) + (found.length > 0 ? 1 : 0);
      // Found short once, the levels are used; short again, they moved meanwhile: read them all.
      const known: ReadonlyMap<string, StockLevel> =
        found.length === 0
          ? (previous?.known ?? new Map())
          : stockConflicts === 1
            ? new Map([
                ...(previous?.known ?? []),
                ...found.map((level): [string, StockLevel] => [levelKey(level), level]),
              ])
            : new Map(
                (await ports.repository.loadStock(tenantId, assumed)).map((level) => [
                  levelKey(level),
                  level,
                ]),
              );
      // Only an order found short may wait for a split delay, decided from inbound ETAs.
      const readsInbound =
        !previous?.inboundRead &&
        known.size > 0 &&
        chunk.some((entry) => mayDelaySplit(policies, withKitComponents(kits, entry.input)));
      const inbound = readsInbound
        ? await ports.repository.loadInbound(tenantId, assumed)
        : (previous?.inbound ?? []);
      const stock = assumed.map((level) => known.get(levelKey(level)) ?? level);
      // A `win` order found short reads the orders it may take from (DESIGN §14), again on each
      // attempt: a conflict may be a donor that changed meanwhile.
      const donors =
        known.size > 0
          ? await loadWinnerDonors(
              ports.repository,
              tenantId,
              policies,
              chunk.map((entry) => incomingClaim(policies, withKitComponents(kits, entry.input))),
              stock,
            )
          : { orders: [], stock: [] };
      return {
        stock: [...stock, ...donors.stock],
        orders: donors.orders,
        inbound,
        channelChanges: [...channelChanges.values()],
        kits,
        stored,
        known,
        stockConflicts,
        inboundRead: readsInbound || Boolean(previous?.inboundRead),
      };
    },
    decide: (context, snapshot, previous) => {
      const { kits, stored } = snapshot;
      let state: StateSnapshot = snapshot;
      const decisions: Decision[] = [];
      const ids = new Set<string>();
      const failed = new Map(previous?.failed);
      const repeats = new Set(previous?.repeats);
      let taken = chunk.length;
      for (const [index, entry] of chunk.entries()) {
        if (stored.has(entry.input.orderId) || failed.has(index)) continue;
        if (ids.has(entry.input.orderId)) {
          repeats.add(index);
          continue;
        }
        ids.add(entry.input.orderId);
        try {
          const decision = decideIntake(
            { ...context, kits, eventId: entry.eventId, actor: { kind: 'channel', id: entry.input.channel } },
            state,
            entry.input,
          );
          if (decisions.length > 0 && transactionItems([...decisions, decision]) > MAX_TRANSACTION_ITEMS) {
            taken = index;
            break;
          }
          decisions.push(decision);
          state = applyDecision(state, decision);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          failed.set(index, error);
        }
      }
      return { decision: mergeDecisions(decisions), detail: { taken, failed, repeats } };
    },
  });
  return chunk.slice(0, detail.taken).map((entry, index): BatchResult => {
    const error = detail.failed.get(index);
    if (error) return { eventId: entry.eventId, kind: 'failed', error };
    const { orderId } = entry.input;
    return snapshot.stored.has(orderId) || detail.repeats.has(index)
      ? { eventId: entry.eventId, kind: 'duplicate', orderId }
      : { eventId: entry.eventId, kind: 'accepted', orderId, decision };
  });
};
