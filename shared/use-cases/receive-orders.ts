import { applyDecision, mergeDecisions } from '../allocation/compose.js';
import type { Decision, StateSnapshot } from '../allocation/decision.js';
import { decideIntake } from '../allocation/intake.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import type { ChannelChange } from '../domain/channel-change.js';
import { DomainError } from '../domain/errors.js';
import type { InboundSupply } from '../domain/inbound.js';
import { type IncomingOrder, incomingOrderSchema, parseInput } from '../domain/inputs.js';
import type { StockLevel } from '../domain/stock.js';
import type { PolicyConfig } from '../policy/policy.js';
import { resolvePolicy } from '../policy/resolve-policy.js';
import { MAX_TRANSACTION_ITEMS } from '../ports/backorder-repository.js';
import type { AllocationPorts } from './ports.js';
import { runDecision } from './run-decision.js';
import { incomingClaim, loadWinnerDonors } from './winner-donors.js';

export interface BatchEntry {
  input: IncomingOrder;
  eventId: string;
}

export type BatchResult =
  | { eventId: string; kind: 'accepted'; orderId: string }
  | { eventId: string; kind: 'duplicate'; orderId: string }
  | { eventId: string; kind: 'failed'; error: Error };

/**
 * Items one order may add to a transaction: order and history, a backorder and its history when it
 * splits, the check on a change its channel sent first, a waiting item and a stock write per line.
 * A chunk that outgrew one transaction would commit in parts, and a conflict after the first part
 * would fail the whole batch.
 */
const itemBudget = (input: IncomingOrder) => 5 + 2 * input.lines.length;

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
 * Intake of a batch of orders (a burst from the queue). Orders that compete for the same SKU share
 * one conditional stock write per transaction instead of one each, and are decided one after the
 * other in the order given, so the outcome is the same as taking them one by one.
 */
export const receiveOrders = async (
  ports: AllocationPorts,
  tenantId: string,
  entries: readonly BatchEntry[],
  /** Told of each committed decision (one per transaction), to publish its events. */
  onCommitted: (decision: Decision) => void = () => undefined,
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
  for (const chunk of chunkByBudget(valid)) {
    try {
      const committed = await commitChunk(ports, tenantId, chunk);
      onCommitted(committed.decision);
      chunk.forEach((entry, index) => {
        results.set(entry, committed.results[index] as BatchResult);
      });
    } catch (error) {
      // Only this chunk's orders failed (throttling, a conflict storm): they come back on their
      // own, while the chunks before and after are kept.
      for (const entry of chunk) {
        results.set(entry, { eventId: entry.eventId, kind: 'failed', error: error as Error });
      }
    }
  }
  return entries.map((entry) => results.get(entry) as BatchResult);
};

const chunkByBudget = (entries: readonly BatchEntry[]): BatchEntry[][] => {
  const chunks: BatchEntry[][] = [];
  let current: BatchEntry[] = [];
  let used = 0;
  for (const entry of entries) {
    const cost = itemBudget(entry.input);
    if (current.length > 0 && used + cost > MAX_TRANSACTION_ITEMS) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(entry);
    used += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

const commitChunk = async (
  ports: AllocationPorts,
  tenantId: string,
  chunk: BatchEntry[],
): Promise<{ results: BatchResult[]; decision: Decision }> => {
  const stored = new Set<string>();
  // By position in the chunk: a repeat of an order id within the batch is a duplicate, not a failure.
  const repeats = new Set<number>();
  const failed = new Map<number, Error>();
  let known: StockLevel[] | undefined;
  let inbound: InboundSupply[] | undefined;
  // Changes the channel sent before these orders, met by the commit's guard (DESIGN §10).
  const channelChanges = new Map<string, ChannelChange>();
  const targets = chunk.flatMap((entry) =>
    entry.input.lines.flatMap((line) =>
      line.sku ? [{ warehouseId: entry.input.warehouseId, sku: line.sku }] : [],
    ),
  );
  const decision = await runDecision(ports, {
    tenantId,
    eventId: chunk[0]?.eventId ?? 'batch',
    actor: SYSTEM_ACTOR,
    load: async (policies, conflict) => {
      for (const order of conflict?.found.orders ?? []) stored.add(order.orderId);
      for (const change of conflict?.found.channelChanges ?? []) channelChanges.set(change.orderId, change);
      // Unlike a single order, a batch reads its stock first: one read serves every order in it.
      known =
        conflict?.found.stock.length || !known ? await ports.repository.loadStock(tenantId, targets) : known;
      inbound ??= chunk.some((entry) => mayDelaySplit(policies, entry.input))
        ? await ports.repository.loadInbound(tenantId, targets)
        : [];
      // Read again each attempt: a conflict may be a donor that changed meanwhile.
      const donors = await loadWinnerDonors(
        ports.repository,
        tenantId,
        policies,
        chunk.map((entry) => incomingClaim(policies, entry.input)),
        known,
      );
      return {
        stock: [...known, ...donors.stock],
        orders: donors.orders,
        inbound,
        channelChanges: [...channelChanges.values()],
      };
    },
    decide: (context, snapshot) => {
      let state: StateSnapshot = snapshot;
      const decisions: Decision[] = [];
      const taken = new Set<string>();
      for (const [index, entry] of chunk.entries()) {
        if (stored.has(entry.input.orderId) || failed.has(index)) continue;
        if (taken.has(entry.input.orderId)) {
          repeats.add(index);
          continue;
        }
        taken.add(entry.input.orderId);
        try {
          const decision = decideIntake(
            { ...context, eventId: entry.eventId, actor: { kind: 'channel', id: entry.input.channel } },
            state,
            entry.input,
          );
          decisions.push(decision);
          state = applyDecision(state, decision);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          failed.set(index, error);
        }
      }
      return mergeDecisions(decisions);
    },
    outcome: (committed) => committed,
  });
  const results = chunk.map((entry, index): BatchResult => {
    const error = failed.get(index);
    if (error) return { eventId: entry.eventId, kind: 'failed', error };
    const kind = stored.has(entry.input.orderId) || repeats.has(index) ? 'duplicate' : 'accepted';
    return { eventId: entry.eventId, kind, orderId: entry.input.orderId };
  });
  return { results, decision };
};
