import type { Decision } from '../allocation/decision.js';
import type { Explanation } from '../allocation/explain.js';
import type { ManualAct } from '../allocation/manual-acts.js';
import {
  cancelByHand,
  fillByHand,
  holdOrder,
  type Request,
  releaseOrder,
  splitByHand,
  unholdOrder,
} from './order-acts.js';
import type { Outcome } from './outcome.js';
import type { AllocationPorts } from './ports.js';
import { heldPublishing } from './publish-events.js';

/** The acts a person can do on a selection of orders; `allocate` gives each order all it is short. */
export const BULK_ACTS = ['allocate', 'release', 'hold', 'unhold', 'split', 'cancel'] as const;
export type BulkActName = (typeof BULK_ACTS)[number];

type OrderAct = ((ports: AllocationPorts, request: Request, input: ManualAct) => Promise<Outcome>) & {
  preview: (ports: AllocationPorts, request: Request, input: ManualAct) => Promise<Explanation>;
};

const ACTS: Record<BulkActName, OrderAct> = {
  allocate: fillByHand,
  release: releaseOrder,
  hold: holdOrder,
  unhold: unholdOrder,
  split: splitByHand,
  cancel: cancelByHand,
};

export interface BulkAct {
  act: BulkActName;
  orderIds: readonly string[];
  reason: string;
  dryRun: boolean;
}

export type BulkResult =
  | { orderId: string; outcome: 'applied'; decisions: Decision[] }
  | { orderId: string; outcome: 'duplicate' }
  | { orderId: string; outcome: 'dryRun'; explanation: Explanation }
  | { orderId: string; outcome: 'refused'; error: unknown };

/**
 * One act on many orders (DESIGN §7 `POST /orders/acts`): each order is decided and committed on
 * its own, in the order given, so a refusal of one leaves the others to go ahead. Each order's
 * event id (and idempotency key, when the request has one) is the request's with the order id, so
 * a repeated request changes nothing it already changed. A dry run explains each order as if it
 * were acted on alone.
 */
export const actOnOrders = async (
  ports: AllocationPorts,
  request: Request,
  bulk: BulkAct,
): Promise<BulkResult[]> => {
  const act = ACTS[bulk.act];
  // Each order commits on its own; their events go together once all are done.
  const held = heldPublishing(ports);
  try {
    return await actOnEach(held.ports, request, bulk, act);
  } finally {
    await held.release();
  }
};

const actOnEach = async (
  ports: AllocationPorts,
  request: Request,
  bulk: BulkAct,
  act: OrderAct,
): Promise<BulkResult[]> => {
  const results: BulkResult[] = [];
  for (const orderId of bulk.orderIds) {
    const own: Request = {
      ...request,
      eventId: `${request.eventId}#${orderId}`,
      ...(request.idempotencyKey ? { idempotencyKey: `${request.idempotencyKey}#${orderId}` } : {}),
    };
    const input = { orderId, reason: bulk.reason };
    try {
      if (bulk.dryRun) {
        results.push({ orderId, outcome: 'dryRun', explanation: await act.preview(ports, own, input) });
        continue;
      }
      const outcome = await act(ports, own, input);
      results.push(
        outcome.kind === 'applied'
          ? { orderId, outcome: 'applied', decisions: outcome.decisions }
          : { orderId, outcome: 'duplicate' },
      );
    } catch (error) {
      results.push({ orderId, outcome: 'refused', error });
    }
  }
  return results;
};
