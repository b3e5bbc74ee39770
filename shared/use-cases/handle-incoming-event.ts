import type { Decision } from '../allocation/decision.js';
import { StaleInboundChangeError } from '../domain/inbound-errors.js';
import { parseInput } from '../domain/inputs.js';
import {
  INCOMING_DETAIL_SCHEMAS,
  type IncomingDetail,
  type IncomingDetailType,
  isIncomingDetailType,
} from '../events/incoming-events.js';
import { DuplicateRequestError } from '../ports/backorder-repository.js';
import type { ActOutcome } from './act-on-order.js';
import { applyChannelChange, type ChannelChangeOutcome } from './apply-channel-change.js';
import { dispatchOrder, type Request, startFulfilment } from './order-acts.js';
import type { AllocationPorts } from './ports.js';
import { adjustStock, receiveStock, type StockOutcome } from './receive-stock.js';

export type IncomingOutcome =
  | { kind: 'applied'; decisions: Decision[] }
  | { kind: 'duplicate' }
  /** A channel change that left its order as it was, or was kept for an order not received yet. */
  | { kind: 'unchanged' | 'kept' };

const fromChange = (outcome: ChannelChangeOutcome): IncomingOutcome =>
  outcome.kind === 'applied' ? { kind: 'applied', decisions: [outcome.decision] } : { kind: outcome.kind };

const fromAct = (outcome: ActOutcome): IncomingOutcome =>
  outcome.kind === 'applied' ? { kind: 'applied', decisions: [outcome.decision] } : { kind: 'duplicate' };

const fromStock = (outcome: StockOutcome): IncomingOutcome =>
  outcome.kind === 'applied' ? { kind: 'applied', decisions: outcome.decisions } : { kind: 'duplicate' };

const request = (detail: { tenantId: string; eventId: string }, kind: Request['actor']['kind']): Request => ({
  tenantId: detail.tenantId,
  eventId: detail.eventId,
  actor: { kind, id: kind },
  idempotencyKey: `event#${detail.eventId}`,
});

/** `Order Received` is the allocator's, through its queue (receive-orders.ts): the one intake path. */
export type EventsFunctionDetailType = Exclude<IncomingDetailType, 'Order Received'>;

export const isEventsFunctionDetailType = (value: string): value is EventsFunctionDetailType =>
  isIncomingDetailType(value) && value !== 'Order Received';

type Handlers = {
  [T in EventsFunctionDetailType]: (
    ports: AllocationPorts,
    detail: IncomingDetail<T>,
  ) => Promise<IncomingOutcome>;
};

const HANDLERS: Handlers = {
  'Order Updated': async (ports, d) =>
    fromChange(
      await applyChannelChange(ports, request(d, 'channel'), {
        orderId: d.orderId,
        cancelled: false,
        lines: d.lines,
        ...(d.channelVersion ? { version: d.channelVersion } : {}),
      }),
    ),
  'Order Cancelled': async (ports, d) =>
    fromChange(
      await applyChannelChange(ports, request(d, 'channel'), {
        orderId: d.orderId,
        cancelled: true,
        ...(d.reason ? { reason: d.reason } : {}),
        ...(d.channelVersion ? { version: d.channelVersion } : {}),
      }),
    ),
  'Stock Received': async (ports, d) =>
    fromStock(
      await receiveStock(
        ports,
        d.tenantId,
        { receiptId: d.receiptId, warehouseId: d.warehouseId, lines: d.lines },
        d.eventId,
      ),
    ),
  'Stock Adjusted': async (ports, d) =>
    fromStock(
      await adjustStock(
        ports,
        d.tenantId,
        {
          adjustmentId: d.adjustmentId,
          warehouseId: d.warehouseId,
          lines: d.lines,
          ...(d.reason ? { reason: d.reason } : {}),
        },
        d.eventId,
      ),
    ),
  'Inbound Expected': async (ports, d) => {
    try {
      await ports.repository.saveInbound(
        {
          tenantId: d.tenantId,
          inboundId: d.inboundId,
          warehouseId: d.warehouseId,
          sku: d.sku,
          quantity: d.quantity,
          eta: new Date(d.eta).toISOString(),
          // Unversioned, the event's own time orders it (else the time it is applied).
          ...(d.updatedAt || d.occurredAt
            ? { updatedAt: new Date(d.updatedAt ?? d.occurredAt ?? '').toISOString() }
            : {}),
        },
        { idempotencyKey: `event#${d.eventId}` },
      );
    } catch (error) {
      // An older change than the one stored changes nothing, as a repeat does.
      if (error instanceof DuplicateRequestError || error instanceof StaleInboundChangeError)
        return { kind: 'duplicate' };
      throw error;
    }
    return { kind: 'applied', decisions: [] };
  },
  'Fulfilment Started': async (ports, d) =>
    fromAct(await startFulfilment(ports, request(d, 'warehouse'), { orderId: d.orderId })),
  'Order Dispatched': async (ports, d) =>
    fromAct(
      await dispatchOrder(ports, request(d, 'warehouse'), {
        orderId: d.orderId,
        ...(d.lines ? { lines: d.lines } : {}),
      }),
    ),
};

/**
 * One incoming event, validated against its schema and applied once: its event id is the
 * idempotency key, written with the decision.
 */
export const handleIncomingEvent = async <T extends EventsFunctionDetailType>(
  ports: AllocationPorts,
  detailType: T,
  rawDetail: unknown,
): Promise<IncomingOutcome> => {
  const detail = parseInput(
    INCOMING_DETAIL_SCHEMAS[detailType],
    rawDetail,
    `${detailType} detail`,
  ) as IncomingDetail<T>;
  return (
    HANDLERS[detailType] as (ports: AllocationPorts, detail: IncomingDetail<T>) => Promise<IncomingOutcome>
  )(ports, detail);
};
