import { decideEscalation } from '../allocation/escalate-overdue.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import type { SweepSource } from '../ports/sweep-source.js';
import { actOnOrder } from './act-on-order.js';
import { shortestDays } from './auto-cancel.js';
import type { Outcome } from './outcome.js';
import type { AllocationPorts, Attempt } from './ports.js';

const DAY_MS = 86_400_000;

/**
 * Announces each of the tenant's waiting orders that has waited `escalateAfterDays` (as its policy
 * resolves; a backorder counted from its split) with `Backorder Overdue`, once per order. As for
 * auto-cancel, an order waiting since `t` was created no later than `t`, so only orders created
 * before now minus the shortest setting are read, through the status index, and of those only the
 * ones not yet escalated come back. The order's `escalatedAt`, written with the event in one
 * transaction, keeps a second sweep or a concurrent one from announcing it again.
 */
export async function escalateOverdue(
  ports: { sweep: SweepSource; allocation: AllocationPorts },
  tenantId: string,
  attempt: Attempt,
): Promise<{ escalated: number }> {
  const policies = await ports.allocation.repository.loadPolicies(tenantId);
  const shortest = shortestDays(policies, 'escalateAfterDays');
  if (shortest === null) return { escalated: 0 };
  const before = new Date(Date.parse(ports.allocation.clock()) - shortest * DAY_MS).toISOString();
  const outcomes: Array<Outcome | undefined> = [];
  for (const order of await ports.sweep.unescalatedWaitingCreatedBefore(tenantId, before)) {
    outcomes.push(
      await attempt(() =>
        actOnOrder(ports.allocation, {
          tenantId,
          orderId: order.orderId,
          eventId: `sweep:overdue:${order.orderId}`,
          actor: SYSTEM_ACTOR,
          input: { orderId: order.orderId },
          decide: decideEscalation,
          servesWaiting: false,
          skipEmpty: true,
        }),
      ),
    );
  }
  // Escalated: an order this sweep announced (an empty decision means another sweep did).
  const announced = (outcome: Outcome | undefined) =>
    outcome?.kind === 'applied' && outcome.decisions.some((decision) => decision.events.length > 0);
  return { escalated: outcomes.filter(announced).length };
}
