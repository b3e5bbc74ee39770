import { resolveOrderPolicy } from '../allocation/order-policy.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { waitingSince } from '../domain/order.js';
import type { PolicyConfig } from '../policy/policy.js';
import { SERVICE_DEFAULTS } from '../policy/policy.js';
import type { SweepSource } from '../ports/sweep-source.js';
import { cancelByHand } from './order-acts.js';
import type { Outcome } from './outcome.js';
import type { AllocationPorts, Attempt } from './ports.js';

const DAY_MS = 86_400_000;

/** The fewest days any layer of the tenant's policies sets for `setting`; null if none does. */
export const shortestDays = (
  config: PolicyConfig,
  setting: 'autoCancelAfterDays' | 'escalateAfterDays',
): number | null => {
  const layers = [
    SERVICE_DEFAULTS,
    config.tenant,
    ...Object.values(config.channels ?? {}),
    ...Object.values(config.skus ?? {}),
  ];
  const days = layers.flatMap((layer) => {
    const value = layer?.[setting];
    return typeof value === 'number' ? [value] : [];
  });
  return days.length > 0 ? Math.min(...days) : null;
};

/**
 * Cancels each of the tenant's waiting orders that has waited `autoCancelAfterDays` (as its
 * policy resolves), counted from its split for a backorder. An order waiting since `t` was
 * created no later than `t`, so only orders created before now minus the shortest setting are
 * read, all of them, through the status index: none is left behind a page of older ones.
 * (A per-order override shorter than every layer is not looked for.)
 */
export async function autoCancelDue(
  ports: { sweep: SweepSource; allocation: AllocationPorts },
  tenantId: string,
  attempt: Attempt,
): Promise<{ cancelled: number }> {
  const policies = await ports.allocation.repository.loadPolicies(tenantId);
  const shortest = shortestDays(policies, 'autoCancelAfterDays');
  if (shortest === null) return { cancelled: 0 };
  const now = Date.parse(ports.allocation.clock());
  const before = new Date(now - shortest * DAY_MS).toISOString();
  const outcomes: Array<Outcome | undefined> = [];
  for (const order of await ports.sweep.waitingCreatedBefore(tenantId, before)) {
    const days = resolveOrderPolicy(policies, order).values.autoCancelAfterDays;
    if (days === null || Date.parse(waitingSince(order)) + days * DAY_MS > now) continue;
    outcomes.push(
      await attempt(() =>
        cancelByHand(
          ports.allocation,
          { tenantId, eventId: `sweep:auto-cancel:${order.orderId}`, actor: SYSTEM_ACTOR },
          { orderId: order.orderId, reason: `Waited more than ${days} days (autoCancelAfterDays).` },
        ),
      ),
    );
  }
  // A cancellation a crash cut short and this sweep completed is answered as a duplicate: done too.
  return { cancelled: outcomes.filter((outcome) => outcome !== undefined).length };
}
