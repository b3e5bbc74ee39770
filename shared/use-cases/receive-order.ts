import type { Decision } from '../allocation/decision.js';
import type { IncomingOrder } from '../domain/inputs.js';
import type { SaleOrder } from '../domain/order.js';
import type { AllocationPorts } from './ports.js';
import { receiveOrders } from './receive-orders.js';

export type IntakeOutcome =
  | { kind: 'accepted'; decision: Decision; order: SaleOrder }
  | { kind: 'duplicate'; orderId: string };

/**
 * One order, as the allocator takes it when its queue hands over a batch of one: the same code as
 * every batch (`receiveOrders`), so there is one intake path. An order the batch could not take
 * throws what failed it.
 */
export const receiveOrder = async (
  ports: AllocationPorts,
  tenantId: string,
  input: IncomingOrder,
  eventId: string,
): Promise<IntakeOutcome> => {
  const [result] = await receiveOrders(ports, tenantId, [{ input, eventId }]);
  if (result?.kind === 'failed') throw result.error;
  if (result?.kind !== 'accepted') return { kind: 'duplicate', orderId: input.orderId };
  const { decision } = result;
  const order = decision.orders.find((change) => change.after.orderId === input.orderId)?.after as SaleOrder;
  return { kind: 'accepted', decision, order };
};
