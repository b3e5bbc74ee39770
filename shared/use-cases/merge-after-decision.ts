import { decideMergeSiblings } from '../allocation/decide-merge.js';
import type { Decision, StateSnapshot } from '../allocation/decision.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { isStockManaged } from '../domain/order.js';
import { WriteConflictError } from '../ports/backorder-repository.js';
import type { AllocationPorts } from './ports.js';
import type { runDecision } from './run-decision.js';

/**
 * Orders a committed decision made Ready to Pick whose parent or backorders it did not read: the
 * decision could not merge them (mergeSiblings), so the family is read and merged on its own.
 */
export const mergeCandidates = (snapshot: StateSnapshot, decision: Decision): string[] => {
  const read = new Set(snapshot.orders.map((order) => order.orderId));
  for (const { after } of decision.orders) read.add(after.orderId);
  return decision.orders
    .filter(({ before, after }) => after.status === 'ReadyToPick' && before?.status !== 'ReadyToPick')
    .filter(({ after }) =>
      [...(after.parentId ? [after.parentId] : []), ...after.backorderIds].some((id) => !read.has(id)),
    )
    .map(({ after }) => after.orderId);
};

/**
 * The merge follow-up of every committed decision (`runDecision`): for each candidate, reads its
 * family and the stock it holds, merges what is ready, commits. A family with nothing to merge (the
 * parent is being picked, mergeSiblings is off) writes nothing. The trigger has committed already:
 * a merge that keeps losing races is left (two shipments instead of one), not turned into a
 * failure of the trigger, whose retry would find nothing to do.
 */
export const mergeAfterDecision = async (
  ports: AllocationPorts,
  tenantId: string,
  eventId: string,
  orderIds: readonly string[],
  run: typeof runDecision,
): Promise<void> => {
  for (const orderId of orderIds) {
    await run(ports, {
      tenantId,
      eventId: `${eventId}:merge:${orderId}`,
      actor: SYSTEM_ACTOR,
      skipEmpty: true,
      load: async () => {
        const { orders } = await ports.repository.loadFamily(tenantId, orderId);
        const targets = new Map(
          orders.flatMap((order) =>
            order.lines
              .filter(isStockManaged)
              .map(
                (line) =>
                  [
                    `${order.warehouseId}#${line.sku}`,
                    { warehouseId: order.warehouseId, sku: line.sku },
                  ] as const,
              ),
          ),
        );
        const stock = await ports.repository.loadStock(tenantId, [...targets.values()]);
        return { orders, stock, inbound: [] };
      },
      decide: (context, snapshot) => decideMergeSiblings(context, snapshot, { orderId }),
    }).catch((error: unknown) => {
      if (!(error instanceof WriteConflictError) || error.committed) throw error;
    });
  }
};
