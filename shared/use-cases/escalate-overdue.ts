import type { Decision } from '../allocation/decision.js';
import { decideEscalation } from '../allocation/escalate-overdue.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import type { SweepSource } from '../ports/sweep-source.js';
import { actOnOrder } from './act-on-order.js';
import { shortestDays } from './auto-cancel.js';
import type { AllocationPorts } from './ports.js';

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
  attempt: (work: () => Promise<void>) => Promise<void>,
): Promise<{ decisions: Decision[]; escalated: number }> {
  const policies = await ports.allocation.repository.loadPolicies(tenantId);
  const shortest = shortestDays(policies, 'escalateAfterDays');
  const decisions: Decision[] = [];
  let escalated = 0;
  if (shortest === null) return { decisions, escalated };
  const before = new Date(Date.parse(ports.allocation.clock()) - shortest * DAY_MS).toISOString();
  for (const order of await ports.sweep.unescalatedWaitingCreatedBefore(tenantId, before)) {
    await attempt(async () => {
      const outcome = await actOnOrder(ports.allocation, {
        tenantId,
        orderId: order.orderId,
        eventId: `sweep:overdue:${order.orderId}`,
        actor: SYSTEM_ACTOR,
        input: { orderId: order.orderId },
        decide: decideEscalation,
        servesWaiting: false,
        skipEmpty: true,
      });
      if (outcome.kind !== 'applied' || outcome.decisions.every((decision) => decision.events.length === 0))
        return;
      decisions.push(...outcome.decisions);
      escalated += 1;
    });
  }
  return { decisions, escalated };
}
