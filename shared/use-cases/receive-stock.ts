import type { Decision, DecisionContext, StateSnapshot } from '../allocation/decision.js';
import {
  decideAdjustment,
  decideReceipt,
  type StockAdjustment,
  type StockReceipt,
} from '../allocation/stock-movements.js';
import type { SaleOrder } from '../domain/order.js';
import { availableOf, type StockLevel, stockKey } from '../domain/stock.js';
import { DuplicateRequestError, WriteConflictError } from '../ports/backorder-repository.js';
import type { Outcome } from './outcome.js';
import type { AllocationPorts } from './ports.js';
import { unitsToRead } from './queue-reading.js';
import { runDecision } from './run-decision.js';
import { freeAfter, serveRemainingQueue } from './serve-follow-up.js';
import { loadWaitingSnapshot } from './waiting-snapshot.js';
import { withWinnerDonors } from './winner-donors.js';

/**
 * A receipt: on-hand stock rises and the received SKUs' waiting orders are served, reading only
 * as many of them as the stock can serve plus one page. Keyed by its warehouse and receipt id.
 */
export const receiveStock = async (
  ports: AllocationPorts,
  tenantId: string,
  receipt: StockReceipt,
  eventId: string,
): Promise<Outcome> => {
  const targets = receipt.lines.map((line) => ({ warehouseId: receipt.warehouseId, sku: line.sku }));
  const received = new Map(
    receipt.lines.map((line) => [stockKey(receipt.warehouseId, line.sku), line.quantity]),
  );
  const receiptKey = `receipt#${receipt.warehouseId}#${receipt.receiptId}`;
  // Counted first and once per receipt, so a retry of a receipt cut off after this counts nothing twice.
  await ports.repository.receiveAgainstInbound(
    tenantId,
    receiptKey,
    receipt.lines.flatMap(({ sku, quantity, inboundId }) =>
      inboundId ? [{ warehouseId: receipt.warehouseId, sku, inboundId, quantity }] : [],
    ),
  );
  return applyStockChange(ports, tenantId, receiptKey, eventId, targets, {
    free: (target, level) =>
      availableOf(level) + (received.get(stockKey(target.warehouseId, target.sku)) ?? 0),
    decide: (context, snapshot) => decideReceipt(context, snapshot, receipt),
  });
};

/** An adjustment: up serves waiting orders, down below allocated takes stock back. Keyed by warehouse and id. */
export const adjustStock = async (
  ports: AllocationPorts,
  tenantId: string,
  adjustment: StockAdjustment,
  eventId: string,
): Promise<Outcome> => {
  const targets = adjustment.lines.map((line) => ({ warehouseId: adjustment.warehouseId, sku: line.sku }));
  const shrinking = adjustment.lines.filter((line) => line.delta < 0);
  const deltas = new Map(
    adjustment.lines.map((line) => [stockKey(adjustment.warehouseId, line.sku), line.delta]),
  );
  return applyStockChange(
    ports,
    tenantId,
    `adjustment#${adjustment.warehouseId}#${adjustment.adjustmentId}`,
    eventId,
    targets,
    {
      free: (target, level) =>
        availableOf(level) + Math.max(0, deltas.get(stockKey(target.warehouseId, target.sku)) ?? 0),
      decide: (context, snapshot) => decideAdjustment(context, snapshot, adjustment),
      // Only the holders of a shrinking SKU, lowest priority first, as many as hold the units it
      // must take back (plus the rest of their page): never the tenant's whole open backlog.
      extra: async () => {
        if (shrinking.length === 0) return {};
        const stock = await ports.repository.loadStock(
          tenantId,
          shrinking.map((line) => ({ warehouseId: adjustment.warehouseId, sku: line.sku })),
        );
        const orders = await Promise.all(
          stock.map((level) => {
            const excess =
              level.allocated - (level.onHand + (deltas.get(stockKey(level.warehouseId, level.sku)) ?? 0));
            return excess > 0
              ? ports.repository.loadReclaimable(
                  tenantId,
                  { warehouseId: level.warehouseId, sku: level.sku },
                  excess,
                )
              : [];
          }),
        );
        return { stock, orders: orders.flat() };
      },
    },
  );
};

const applyStockChange = async (
  ports: AllocationPorts,
  tenantId: string,
  idempotencyKey: string,
  eventId: string,
  targets: Array<{ warehouseId: string; sku: string }>,
  how: {
    free: Parameters<typeof loadWaitingSnapshot>[3];
    decide: (context: DecisionContext, snapshot: StateSnapshot) => Decision;
    /** What the decision needs read first (and need not be read again). */
    extra?: () => Promise<{ orders?: SaleOrder[]; stock?: StockLevel[] }>;
  },
): Promise<Outcome> => {
  try {
    const { decision, snapshot } = await runDecision(ports, {
      tenantId,
      eventId,
      actor: { kind: 'warehouse', id: tenantId },
      idempotencyKey,
      // Serving the queues may take rounds after this commit: a repeat meanwhile must finish them.
      completedLater: true,
      load: async (policies) => {
        const base = how.extra ? await how.extra() : {};
        const waiting = await loadWaitingSnapshot(
          ports.repository,
          tenantId,
          targets,
          unitsToRead(policies, how.free),
          new Map(),
          base,
        );
        const free = how.free ?? ((_target: unknown, level: StockLevel) => availableOf(level));
        return withWinnerDonors(ports.repository, tenantId, policies, waiting, (level) =>
          free({ warehouseId: level.warehouseId, sku: level.sku }, level),
        );
      },
      decide: how.decide,
    });
    // A queue whose SKU the change left with nothing free has nothing to serve: not even a read.
    const free = freeAfter(snapshot, decision);
    const cursors = new Map([...snapshot.cursors].filter(([key]) => free.has(key)));
    const followUps = await serveRemainingQueue(ports, tenantId, eventId, targets, cursors);
    await ports.repository.completeRequest(tenantId, idempotencyKey);
    return { kind: 'applied', decisions: [decision, ...followUps] };
  } catch (error) {
    // An earlier delivery's stock change landed but its serving may not have finished (it failed
    // or died after its first transaction, or is still running): finish it, then answer as the
    // duplicate this is. What it serves is published from the outbox.
    if (error instanceof DuplicateRequestError) {
      if (error.incomplete) await finishServing(ports, tenantId, eventId, targets, idempotencyKey);
      return { kind: 'duplicate', key: error.key };
    }
    // The stock change landed but serving lost a race part-way: serve again from the queues' start.
    if (error instanceof WriteConflictError && error.committed) {
      return {
        kind: 'applied',
        decisions: await finishServing(ports, tenantId, eventId, targets, idempotencyKey),
      };
    }
    throw error;
  }
};

/** Serves the queues of a landed stock change from their start, then marks its request complete. */
const finishServing = async (
  ports: AllocationPorts,
  tenantId: string,
  eventId: string,
  targets: Array<{ warehouseId: string; sku: string }>,
  idempotencyKey: string,
): Promise<Decision[]> => {
  const decisions = await serveRemainingQueue(ports, tenantId, eventId, targets);
  await ports.repository.completeRequest(tenantId, idempotencyKey);
  return decisions;
};
