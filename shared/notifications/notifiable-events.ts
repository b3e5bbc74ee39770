import { parseInput } from '../domain/inputs.js';
import {
  backorderFulfilledDetail,
  backorderOverdueDetail,
  type OutgoingEvent,
  orderAwaitingStockDetail,
  orderChangeRefusedDetail,
  orderSplitDetail,
} from '../events/outgoing-events.js';

/** The outgoing events a person is told about (DESIGN §6, §13). */
const NOTIFIABLE_DETAIL_SCHEMAS = {
  'Order Awaiting Stock': orderAwaitingStockDetail,
  'Order Split': orderSplitDetail,
  'Backorder Fulfilled': backorderFulfilledDetail,
  'Order Change Refused': orderChangeRefusedDetail,
  'Backorder Overdue': backorderOverdueDetail,
} as const;

export type NotifiableDetailType = keyof typeof NOTIFIABLE_DETAIL_SCHEMAS;

export type NotifiableEvent = Extract<OutgoingEvent, { detailType: NotifiableDetailType }>;

export const isNotifiableDetailType = (value: string): value is NotifiableDetailType =>
  Object.hasOwn(NOTIFIABLE_DETAIL_SCHEMAS, value);

/** Checks the detail against its contract: an `InvalidInputError` naming the fields when it does not hold. */
export const parseNotifiableEvent = (detailType: NotifiableDetailType, detail: unknown): NotifiableEvent =>
  ({
    detailType,
    detail: parseInput(NOTIFIABLE_DETAIL_SCHEMAS[detailType], detail, `${detailType} detail`),
  }) as NotifiableEvent;
