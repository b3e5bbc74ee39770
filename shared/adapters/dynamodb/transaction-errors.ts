import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChannelChange } from '../../domain/channel-change.js';
import { TooLargeError } from '../../domain/errors.js';
import type { SaleOrder } from '../../domain/order.js';
import type { StockLevel } from '../../domain/stock.js';
import {
  DuplicateRequestError,
  MAX_TRANSACTION_ITEMS,
  WriteConflictError,
} from '../../ports/backorder-repository.js';
import { documentSdk, dynamoDbUtil } from '../aws-sdk.js';
import { channelChangeFromItem } from './channel-change-records.js';
import type { TransactItem } from './decision-writes.js';
import { checkRequestHash, type KeyReservation } from './idempotency-records.js';
import { ENTITY, type Item, orderFromItem, stockFromItem } from './items.js';

/** What a failed transaction's error reports: whose it was, and whether earlier ones had committed. */
export interface TransactionContext {
  readonly tenantId: string;
  /** The request's idempotency key, when the transaction writes it. */
  readonly idempotencyKey?: string;
  /** The hash of the request the key is given with. */
  readonly requestHash?: string;
  readonly committedBefore: boolean;
}

/** The key is held by an oversized commit still moving stock (idempotency-records.ts): in progress, or abandoned. */
export class KeyReservedError extends Error {
  constructor(
    readonly key: string,
    readonly reservation: KeyReservation,
  ) {
    super(`Request ${key} is being applied by another attempt`);
    this.name = 'KeyReservedError';
  }
}

/**
 * One order family's writes that must land together outgrow DynamoDB's last transaction (100
 * items, 4 MB): refused before anything is written, with what it would have held.
 */
/**
 * DynamoDB's cap on a transaction's payload (4 MB), less room for the items a commit adds around
 * the units (the idempotency key, reservations): their few kilobytes are far below it.
 */
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024 - 64 * 1024;

/**
 * A decision one of whose families cannot be written in DynamoDB's last transaction (100 items,
 * 4 MB): refused before anything is written, as input too large (413), never retried as a fault.
 */
export class DecisionTooLargeError extends TooLargeError {
  constructor(
    readonly unit: string,
    readonly items: number,
    readonly bytes: number,
  ) {
    const overItems = items > MAX_TRANSACTION_ITEMS;
    super(
      `The writes of ${unit} in one transaction`,
      overItems ? 'transaction items' : 'transaction bytes',
      overItems ? MAX_TRANSACTION_ITEMS : MAX_TRANSACTION_BYTES,
      overItems ? items : bytes,
    );
  }
}

const keyOf = (item: TransactItem): Record<string, unknown> | undefined =>
  item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key;

/**
 * Turns a cancelled transaction into a typed error carrying what the failed conditions found
 * (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`), so the caller can re-decide without a read.
 */
const transactionError = async (
  error: unknown,
  items: readonly TransactItem[],
  context: TransactionContext,
): Promise<Error> => {
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return error as Error;
  const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
  const { unmarshall } = await dynamoDbUtil();
  const stock: StockLevel[] = [];
  const orders: SaleOrder[] = [];
  const channelChanges: ChannelChange[] = [];
  const codes = new Set<string>();
  reasons.forEach((reason, index) => {
    if (!reason.Code || reason.Code === 'None') return;
    codes.add(reason.Code);
    const request = items[index];
    const key = request ? keyOf(request) : undefined;
    if (reason.Code !== 'ConditionalCheckFailed') return;
    const found = reason.Item ? (unmarshall(reason.Item) as Item) : undefined;
    if (key?.entity === 'idempotency' && context.idempotencyKey && !context.committedBefore) {
      checkRequestHash(context.idempotencyKey, found ?? {}, context.requestHash);
      if (found?.state === 'reserving') {
        throw new KeyReservedError(context.idempotencyKey, found.reservation as KeyReservation);
      }
      throw new DuplicateRequestError(context.idempotencyKey, found?.state === 'applied');
    }
    const stockValues = request?.Update?.ExpressionAttributeValues;
    if (!found && stockValues?.[':entity'] === ENTITY.stock) {
      stock.push(
        stockFromItem(
          undefined,
          context.tenantId,
          String(stockValues[':warehouseId']),
          String(stockValues[':sku']),
        ),
      );
    } else if (found?.entity === ENTITY.stock) {
      stock.push(stockFromItem(found, context.tenantId, String(found.warehouseId), String(found.sku)));
    } else if (found?.entity === ENTITY.order) {
      orders.push(orderFromItem(found));
    } else if (found?.entity === ENTITY.channelChange || found?.entity === ENTITY.earlyChange) {
      channelChanges.push(channelChangeFromItem(found));
    }
  });
  return new WriteConflictError(
    `Transaction cancelled (${[...codes].join(', ') || 'unknown reason'})`,
    { stock, orders, ...(channelChanges.length > 0 ? { channelChanges } : {}) },
    context.committedBefore,
  );
};

/** Writes `items` in one transaction; a cancelled one throws as transactionError describes. */
export const sendTransaction = async (
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  context: TransactionContext,
): Promise<void> => {
  const { TransactWriteCommand } = await documentSdk();
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    throw await transactionError(error, items, context);
  }
};
