import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { WriteConflictError } from '../../ports/backorder-repository.js';
import { conditionFields, itemExists, keyReservedAt } from './conditions.js';
import type { TransactItem, WriteUnit } from './decision-writes.js';
import { type KeyReservation, settleIdempotencyKey } from './idempotency-records.js';
import { idempotencyKey as idempotencyKeyOf } from './keys.js';
import {
  commitOversizedUnit,
  RESERVATION_TIMEOUT_MS,
  reservationFromItem,
  reservationPlace,
} from './oversized-commit.js';
import { type NetMovement, netMovements } from './stock-updates.js';
import { queryAll } from './table-reads.js';

/**
 * Whether a request whose oversized commit died part-way is completed rather than undone: its
 * stock moves only add stock (a receipt), which others may have allocated meanwhile, so giving it
 * back can fail for ever; and its serving is finished from the queues afterwards (`completedLater`),
 * so nothing but the stock needs the request's decision.
 */
export const adoptsAbandonedCommit = (unit: WriteUnit | undefined, completedLater: boolean): boolean =>
  completedLater &&
  unit?.label === 'stock' &&
  unit.items.length + unit.early.length + unit.late.length === 0 &&
  netMovements(unit.movements).every((movement) => movement.onHand >= 0 && movement.allocated === 0);

/**
 * Completes an abandoned receipt commit: the stock its landed chunks received stays (with what an
 * earlier takeover kept, recorded on the key), and only the rest is received, in a commit of its
 * own whose first transaction takes the key over and deletes the landed reservations. Then reports
 * the stock change as landed (`WriteConflictError`, committed), so the caller serves the queues
 * from the stored state instead of from a decision that counted the landed stock twice.
 */
export const adoptAbandonedCommit = async (
  client: DynamoDBDocumentClient,
  stockUnit: WriteUnit,
  options: {
    tableName: string;
    tenantId: string;
    idempotencyKey: string;
    requestHash?: string;
    reservation: KeyReservation;
    now: number;
  },
): Promise<never> => {
  const { tableName, tenantId, reservation } = options;
  const landedItems = await queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
    ExpressionAttributeValues: { ':pk': reservation.pk, ':prefix': reservation.prefix },
    ConsistentRead: true,
  });
  const landed = landedItems.map(reservationFromItem);
  const kept = sum([...(reservation.adopted ?? []), ...landed.flatMap((chunk) => chunk.movements)]);
  const token = randomUUID();
  const takeOver: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: idempotencyKeyOf(tenantId, options.idempotencyKey),
        UpdateExpression: 'SET #reservation = :reservation',
        ...conditionFields(keyReservedAt(reservation.prefix)),
        ExpressionAttributeNames: {
          ...keyReservedAt(reservation.prefix).names,
          '#reservation': 'reservation',
        },
        ExpressionAttributeValues: {
          ...keyReservedAt(reservation.prefix).values,
          ':reservation': {
            ...reservationPlace(tenantId, stockUnit.label, token),
            leaseUntil: options.now + RESERVATION_TIMEOUT_MS,
            adopted: kept,
          } satisfies KeyReservation,
        },
      },
    },
    ...landed.map(({ key }) => ({
      Delete: { TableName: tableName, Key: key, ...conditionFields(itemExists()) },
    })),
  ];
  await commitOversizedUnit(
    client,
    { ...stockUnit, movements: remainder(stockUnit, kept) },
    {
      tableName,
      tenantId,
      token,
      leading: takeOver,
      trailing: [settleIdempotencyKey(tableName, tenantId, options.idempotencyKey, 'applied')],
      idempotencyKey: options.idempotencyKey,
      ...(options.requestHash ? { requestHash: options.requestHash } : {}),
      now: options.now,
      committedBefore: false,
    },
  );
  throw new WriteConflictError(
    `Request ${options.idempotencyKey}: an earlier attempt's stock was kept and the rest received`,
    { stock: [], orders: [] },
    true,
  );
};

const levelKey = (movement: { warehouseId: string; sku: string }) =>
  `${movement.warehouseId}#${movement.sku}`;

const sum = (movements: readonly NetMovement[]): NetMovement[] =>
  netMovements(
    movements.map((movement) => ({
      warehouseId: movement.warehouseId,
      sku: movement.sku,
      onHandDelta: movement.onHand,
      allocatedDelta: movement.allocated,
    })),
  );

/** The unit's stock moves that the kept chunks did not make. */
const remainder = (unit: WriteUnit, kept: readonly NetMovement[]): WriteUnit['movements'] => {
  const done = new Map(kept.map((movement) => [levelKey(movement), movement]));
  return netMovements(unit.movements).flatMap((movement) => {
    const onHand = movement.onHand - (done.get(levelKey(movement))?.onHand ?? 0);
    return onHand > 0
      ? [{ warehouseId: movement.warehouseId, sku: movement.sku, onHandDelta: onHand, allocatedDelta: 0 }]
      : [];
  });
};
