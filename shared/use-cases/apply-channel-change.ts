import { decideChannelChange } from '../allocation/channel-orders.js';
import { isEmptyDecision } from '../allocation/decision.js';
import { expandKitLines } from '../allocation/kit-lines.js';
import type { ChannelChange } from '../domain/channel-change.js';
import { OrderNotFoundError } from '../domain/errors.js';
import { actOnOrder } from './act-on-order.js';
import type { Request } from './order-acts.js';
import type { ChangeOutcome } from './outcome.js';
import type { AllocationPorts } from './ports.js';

/**
 * A channel's update or cancellation, from the bus (DESIGN §10). Applied against the newest change
 * kept for the order, so that changes delivered in any order end where the channel's newest does;
 * a change that leaves the order as it is writes nothing. For an order not received yet the change
 * is kept (the webhook usually kept it already) and intake applies it: nothing fails, nothing is
 * retried into a dead-letter queue.
 */
export const applyChannelChange = async (
  ports: AllocationPorts,
  request: Request,
  change: ChannelChange,
): Promise<ChangeOutcome> => {
  // The lines it brings in are read as stock sees them: a kit line as its components (DESIGN §14).
  const kits = change.lines ? await ports.repository.loadKits(request.tenantId) : {};
  const lines = expandKitLines(kits, change.lines ?? []);
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await actOnOrder(ports, {
        kits,
        tenantId: request.tenantId,
        orderId: change.orderId,
        eventId: request.eventId,
        actor: request.actor,
        input: change,
        decide: decideChannelChange,
        servesWaiting: true,
        skipEmpty: true,
        ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
        skus: lines.flatMap((line) => (line.sku ? [line.sku] : [])),
      });
      return outcome.kind === 'applied' && outcome.decisions.every(isEmptyDecision)
        ? { kind: 'unchanged' }
        : outcome;
    } catch (error) {
      if (!(error instanceof OrderNotFoundError) || error.orderId !== change.orderId) throw error;
      // The order arrived between the read and the keep: apply the change to it after all.
      if (
        (await ports.repository.keepEarlyChange(request.tenantId, change)) !== 'order-exists' ||
        attempt > 2
      )
        return { kind: 'kept' };
    }
  }
};
