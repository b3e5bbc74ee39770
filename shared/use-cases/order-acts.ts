import {
  decideChannelCancellation,
  decideOrderUpdate,
  type OrderUpdate,
} from '../allocation/channel-orders.js';
import type { Explanation } from '../allocation/explain.js';
import { decideFillShortfall } from '../allocation/fill-shortfall.js';
import { type Dispatch, decideDispatch, decideFulfilmentStarted } from '../allocation/fulfilment.js';
import {
  decideHold,
  decideManualAllocation,
  decideManualCancel,
  decideManualSplit,
  decideRelease,
  decideUnhold,
  type ManualAct,
  type ManualAllocation,
} from '../allocation/manual-acts.js';
import { decideSetStrategy, type StrategyAct } from '../allocation/set-strategy.js';
import { decideSplitDelayExpiry } from '../allocation/split-delay-expiry.js';
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.js';
import { actOnOrder, type OrderAct, previewOrderAct } from './act-on-order.js';
import type { Outcome } from './outcome.js';
import type { AllocationPorts } from './ports.js';

/** Who asked, under which event or request id (also the idempotency key when one is given). */
export interface Request {
  tenantId: string;
  eventId: string;
  actor: Actor;
  idempotencyKey?: string;
  /** A hash of the request the key came with (an HTTP request's method, path and body). */
  requestHash?: string;
}

/**
 * An act on one order, run through `actOnOrder`; `preview` is its dry run (the same reads and
 * decision, explained, committing nothing).
 */
const act = <Input extends { orderId: string }>(
  decide: Parameters<typeof actOnOrder<Input>>[1]['decide'],
  servesWaiting: boolean,
  skusOf?: (input: Input) => string[],
) => {
  const orderAct = (request: Request, input: Input): OrderAct<Input> => ({
    tenantId: request.tenantId,
    orderId: input.orderId,
    eventId: request.eventId,
    actor: request.actor,
    input,
    decide,
    servesWaiting,
    ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
    ...(request.requestHash ? { requestHash: request.requestHash } : {}),
    ...(skusOf ? { skus: skusOf(input) } : {}),
  });
  return Object.assign(
    (ports: AllocationPorts, request: Request, input: Input): Promise<Outcome> =>
      actOnOrder(ports, orderAct(request, input)),
    {
      preview: (ports: AllocationPorts, request: Request, input: Input): Promise<Explanation> =>
        previewOrderAct(ports, orderAct(request, input)),
    },
  );
};

export const allocateByHand = act<ManualAllocation>(decideManualAllocation, false);
export const fillByHand = act<ManualAct>(decideFillShortfall, false);
export const releaseOrder = act<ManualAct>(decideRelease, true);
export const holdOrder = act<ManualAct>(decideHold, false);
export const unholdOrder = act<ManualAct>(decideUnhold, true);
export const splitByHand = act<ManualAct>(decideManualSplit, false);
export const cancelByHand = act<ManualAct>(decideManualCancel, true);
export const cancelFromChannel = act<{ orderId: string; reason?: string }>(decideChannelCancellation, true);
export const updateFromChannel = act<OrderUpdate>(decideOrderUpdate, true, (update) =>
  update.lines.flatMap((line) => (line.sku ? [line.sku] : [])),
);
export const setOrderStrategy = act<StrategyAct>(decideSetStrategy, false);
export const startFulfilment = act<{ orderId: string }>(decideFulfilmentStarted, false);
export const dispatchOrder = act<Dispatch>(decideDispatch, true);
export const expireSplitDelay = (
  ports: AllocationPorts,
  tenantId: string,
  orderId: string,
  eventId: string,
) =>
  act<{ orderId: string }>(decideSplitDelayExpiry, false)(
    ports,
    { tenantId, eventId, actor: SYSTEM_ACTOR },
    { orderId },
  );
