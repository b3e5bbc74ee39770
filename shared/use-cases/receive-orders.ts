import { applyDecision, mergeDecisions } from '../allocation/compose.js';
import type { Decision, StateSnapshot } from '../allocation/decision.js';
import { decideIntake } from '../allocation/intake.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { DomainError } from '../domain/errors.js';
import { type IncomingOrder, incomingOrderSchema, parseInput } from '../domain/inputs.js';
import type { StockLevel } from '../domain/stock.js';
import { MAX_TRANSACTION_ITEMS } from '../ports/backorder-repository.js';
import type { AllocationPorts } from './ports.js';
import { runDecision } from './run-decision.js';

export interface BatchEntry {
  input: IncomingOrder;
  eventId: string;
}

export type BatchResult =
  | { eventId: string; kind: 'accepted'; orderId: string }
  | { eventId: string; kind: 'duplicate'; orderId: string }
  | { eventId: string; kind: 'failed'; error: Error };

/** Items one order may add to a transaction: order, history, a waiting item per line, its stock. */
const itemBudget = (input: IncomingOrder) => 2 + 2 * input.lines.length;

/**
 * Intake of a batch of orders (a burst from the queue). Orders that compete for the same SKU share
 * one conditional stock write per transaction instead of one each, and are decided one after the
 * other in the order given, so the outcome is the same as taking them one by one.
 */
export const receiveOrders = async (
  ports: AllocationPorts,
  tenantId: string,
  entries: readonly BatchEntry[],
): Promise<BatchResult[]> => {
  const results = new Map<string, BatchResult>();
  const valid: BatchEntry[] = [];
  for (const entry of entries) {
    try {
      parseInput(incomingOrderSchema, entry.input, 'order');
      valid.push(entry);
    } catch (error) {
      results.set(entry.eventId, { eventId: entry.eventId, kind: 'failed', error: error as Error });
    }
  }
  for (const chunk of chunkByBudget(valid)) {
    for (const result of await commitChunk(ports, tenantId, chunk)) results.set(result.eventId, result);
  }
  return entries.map((entry) => results.get(entry.eventId) as BatchResult);
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
): Promise<BatchResult[]> => {
  const duplicates = new Set<string>();
  const failed = new Map<string, Error>();
  let known: StockLevel[] | undefined;
  const targets = chunk.flatMap((entry) =>
    entry.input.lines.flatMap((line) =>
      line.sku ? [{ warehouseId: entry.input.warehouseId, sku: line.sku }] : [],
    ),
  );
  await runDecision(ports, {
    tenantId,
    eventId: chunk[0]?.eventId ?? 'batch',
    actor: SYSTEM_ACTOR,
    load: async (_policies, conflict) => {
      for (const order of conflict?.found.orders ?? []) duplicates.add(order.orderId);
      // Unlike a single order, a batch reads its stock first: one read serves every order in it.
      known =
        conflict?.found.stock.length || !known ? await ports.repository.loadStock(tenantId, targets) : known;
      return { stock: known, orders: [], inbound: [] };
    },
    decide: (context, snapshot) => {
      let state: StateSnapshot = snapshot;
      const decisions: Decision[] = [];
      for (const entry of chunk) {
        if (duplicates.has(entry.input.orderId) || failed.has(entry.eventId)) continue;
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
          failed.set(entry.eventId, error);
        }
      }
      return mergeDecisions(decisions);
    },
    outcome: () => undefined,
  });
  return chunk.map((entry): BatchResult => {
    const error = failed.get(entry.eventId);
    if (error) return { eventId: entry.eventId, kind: 'failed', error };
    const kind = duplicates.has(entry.input.orderId) ? 'duplicate' : 'accepted';
    return { eventId: entry.eventId, kind, orderId: entry.input.orderId };
  });
};
