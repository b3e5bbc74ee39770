import { StaleInboundChangeError } from '../domain/inbound-errors.js';
import { parseInput } from '../domain/inputs.js';
import {
  INCOMING_DETAIL_SCHEMAS,
  type IncomingDetail,
  type IncomingDetailType,
  isIncomingDetailType,
} from '../events/incoming-events.js';
import { DuplicateRequestError } from '../ports/backorder-repository.js';
import { applyChannelChange } from './apply-channel-change.js';
import { dispatchOrder, type Request, startFulfilment } from './order-acts.js';
import type { ChangeOutcome } from './outcome.js';
import type { AllocationPorts } from './ports.js';
import { adjustStock, receiveStock } from './receive-stock.js';

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
  ) => Promise<ChangeOutcome>;
};

const HANDLERS: Handlers = {
  'Order Updated': (ports, d) =>
    applyChannelChange(ports, request(d, 'channel'), {
      orderId: d.orderId,
      cancelled: false,
      lines: d.lines,
      ...(d.channelVersion ? { version: d.channelVersion } : {}),
    }),
  'Order Cancelled': (ports, d) =>
    applyChannelChange(ports, request(d, 'channel'), {
      orderId: d.orderId,
      cancelled: true,
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.channelVersion ? { version: d.channelVersion } : {}),
    }),
  'Stock Received': (ports, d) =>
    receiveStock(
      ports,
      d.tenantId,
      { receiptId: d.receiptId, warehouseId: d.warehouseId, lines: d.lines },
      d.eventId,
    ),
  'Stock Adjusted': (ports, d) =>
    adjustStock(
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
  'Fulfilment Started': (ports, d) => startFulfilment(ports, request(d, 'warehouse'), { orderId: d.orderId }),
  'Order Dispatched': (ports, d) =>
    dispatchOrder(ports, request(d, 'warehouse'), {
      orderId: d.orderId,
      ...(d.lines ? { lines: d.lines } : {}),
    }),
};

/**
 * One incoming event, validated against its schema and applied once: its event id is the
 * idempotency key, written with the decision.
 */
export const handleIncomingEvent = async <T extends EventsFunctionDetailType>(
  ports: AllocationPorts,
  detailType: T,
  rawDetail: unknown,
): Promise<ChangeOutcome> => {
  const detail = parseInput(
    INCOMING_DETAIL_SCHEMAS[detailType],
    rawDetail,
    `${detailType} detail`,
  ) as IncomingDetail<T>;
  return (
    HANDLERS[detailType] as (ports: AllocationPorts, detail: IncomingDetail<T>) => Promise<ChangeOutcome>
  )(ports, detail);
};
