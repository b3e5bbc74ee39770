import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_TRANSACTION_ITEMS } from '../../ports/backorder-repository.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionFields, itemExists, itemIsNew } from './conditions.js';
import type { TransactItem, WriteUnit } from './decision-writes.js';
import { releaseIdempotencyKey } from './idempotency-records.js';
import type { Item } from './items.js';
import { type ItemKey, orderFamilyPk, timerPartition } from './keys.js';
import { type NetMovement, netMovements, reversed, stockUpdate, stockWrites } from './stock-updates.js';
import { queryAll } from './table-reads.js';
import { DecisionTooLargeError, MAX_TRANSACTION_BYTES, sendTransaction } from './transaction-errors.js';
import { transactItemBytes } from './transaction-packing.js';

/**
 * How long a reservation may stand before it is taken for abandoned and undone, by the sweep or by
 * a redelivery of its request. An oversized commit takes seconds; this is shorter than Lambda's
 * first asynchronous retry (about a minute), so that retry can take over from an attempt that
 * died. Taking over one that is merely slow is safe: an undo deletes the reservation it gives back,
 * and the commit's last transaction needs every one of its reservations, so it then fails and is
 * decided again.
 */
export const RESERVATION_TIMEOUT_MS = 45_000;
const FINAL_ATTEMPTS = 5;

export interface Reservation {
  key: ItemKey;
  movements: NetMovement[];
  /** The idempotency key this reservation owns (the first chunk's): it goes when the reservation is undone. */
  ownedKey?: ItemKey;
}

/** Where the reservation chunks of one oversized commit are: one partition, one sort key prefix. */
export const reservationPlace = (tenantId: string, label: string, token: string) => ({
  pk: orderFamilyPk(tenantId, label),
  prefix: `RESERVATION#${label}#${token}#`,
});

/** Whether reservations under `prefix` are those of a unit labelled `label`. */
export const isPlaceOf = (prefix: string, label: string): boolean =>
  prefix.startsWith(`RESERVATION#${label}#`);

/** The other reservation chunks of the commit `reservation` belongs to. */
export const siblingReservations = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  reservation: Reservation,
): Promise<Item[]> => {
  const prefix = reservation.key.sk.slice(0, reservation.key.sk.lastIndexOf('#') + 1);
  const items = await queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
    ExpressionAttributeValues: { ':pk': reservation.key.pk, ':prefix': prefix },
    ConsistentRead: true,
  });
  return items.filter((item) => item.sk !== reservation.key.sk);
};

export const reservationFromItem = (item: Item): Reservation => ({
  key: { pk: String(item.pk), sk: String(item.sk) },
  movements: item.movements as NetMovement[],
  ...(item.ownedKey ? { ownedKey: item.ownedKey as ItemKey } : {}),
});

/**
 * Commits one family's writes when they need more items than one transaction holds. Stock moves
 * first, in chunks, each chunk recording itself in a reservation item; the last transaction
 * writes the orders and deletes the reservations. Orders are never seen half-written, conditions
 * keep stock from being oversold, and whatever went before a failure is undone (by the sweep,
 * from the reservations, if the process dies).
 */
export const commitOversizedUnit = async (
  client: DynamoDBDocumentClient,
  unit: WriteUnit,
  options: {
    tableName: string;
    tenantId: string;
    /** Names the commit's reservations (reservationPlace). */
    token?: string;
    /** Written with the first chunk (the request's idempotency key, when it rides here). */
    leading: TransactItem[];
    /** The idempotency key item the first chunk's reservation owns. */
    ownedKey?: ItemKey;
    /** Written with the last transaction (the idempotency key moving on). */
    trailing?: TransactItem[];
    idempotencyKey?: string;
    requestHash?: string;
    now: number;
    committedBefore: boolean;
  },
): Promise<void> => {
  const { tableName, tenantId } = options;
  const place = reservationPlace(tenantId, unit.label, options.token ?? randomUUID());
  const dueAt = new Date(options.now + RESERVATION_TIMEOUT_MS).toISOString();
  const reservations: Reservation[] = [];
  const send = (items: TransactItem[], committedBefore: boolean) =>
    sendTransaction(client, items, {
      tenantId,
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      ...(options.requestHash ? { requestHash: options.requestHash } : {}),
      committedBefore,
    });

  const pending: TransactItem[] = [
    ...unit.early,
    ...netMovements(unit.movements).map((m) =>
      stockUpdate(tableName, tenantId, m, new Date(options.now).toISOString()),
    ),
  ];
  const movements = netMovements(unit.movements);
  const early = new Set(unit.early);
  const sentEarly: TransactItem[] = [];
  const chunks = chunked(pending, options.leading);
  const deletes = chunks.map((_, chunk) => ({
    Delete: {
      TableName: tableName,
      Key: { pk: place.pk, sk: `${place.prefix}${chunk}` },
      ...conditionFields(itemExists()),
    },
  }));
  const final = [...unit.items, ...(options.trailing ?? []), ...deletes];
  // Refused before anything is written: a last transaction DynamoDB cannot take would strand the rest.
  if (final.length > MAX_TRANSACTION_ITEMS || sumBytes(final) > MAX_TRANSACTION_BYTES)
    throw new DecisionTooLargeError(unit.label, final.length, sumBytes(final));
  try {
    let leading = options.leading;
    for (const [chunk, items] of chunks.entries()) {
      sentEarly.push(...items.filter((item) => early.has(item)));
      const chunkMovements = movements.filter((m) => items.some((item) => isStockUpdateFor(item, m)));
      const key = { pk: place.pk, sk: `${place.prefix}${chunk}` };
      const ownedKey = chunk === 0 ? options.ownedKey : undefined;
      const record = {
        ...key,
        entity: 'reservation',
        tenantId,
        movements: chunkMovements,
        ...(ownedKey ? { ownedKey } : {}),
        timerPk: timerPartition(unit.label),
        timerSk: `${dueAt}#${tenantId}#reservation`,
      };
      // Listed before it is sent: a chunk whose answer was lost (a timeout) may have landed, and is
      // then undone with the rest; one that did not land is found gone, which the undo allows.
      reservations.push({ key, movements: chunkMovements, ...(ownedKey ? { ownedKey } : {}) });
      await send(
        [
          ...leading,
          ...items,
          { Put: { TableName: tableName, Item: record, ...conditionFields(itemIsNew()) } },
        ],
        options.committedBefore,
      );
      leading = [];
    }
    // A conflict on the last write is retried as it is: undoing stock that others may now use is worse.
    await retryingTransient(() => send(final, options.committedBefore));
  } catch (error) {
    // Retried too: a lost race must not strand the stock a reservation holds until the sweep.
    const undone = await Promise.allSettled(
      reservations.map((reservation) =>
        retryingTransient(() =>
          undoReservation(client, tableName, tenantId, reservation).then(
            () => true,
            (undoError: unknown) => {
              if (!reservationWasGone(undoError, reservation)) throw undoError;
              return false;
            },
          ),
        ),
      ),
    );
    // Its new waiting and hold items go too (the decision made again may stand the order in one of
    // those queues by its own item, and nothing would take a stray item of the same queue off), but
    // only once a reservation was undone here: the last write, which takes them all, did not land.
    const notLanded = undone.some((result) => result.status === 'fulfilled' && result.value);
    for (let start = 0; notLanded && start < sentEarly.length; start += MAX_TRANSACTION_ITEMS) {
      const strays = sentEarly.slice(start, start + MAX_TRANSACTION_ITEMS).flatMap((item) => {
        const { pk, sk } = (item.Put?.Item ?? {}) as { pk?: string; sk?: string };
        return pk && sk ? [{ Delete: { TableName: tableName, Key: { pk, sk } } }] : [];
      });
      await retryingTransient(() => send(strays, true)).catch(() => undefined);
    }
    throw error;
  }
  // The decision has landed: a waiting item left behind by a failure here costs readers one
  // filtered read, while reporting a failure would have the caller re-decide what is done.
  // The levels its orders start waiting on are listed then too: with a hundred of them they could
  // not join the last transaction, and their listing is lost only with a crash right here.
  const late = [
    ...unit.late,
    ...stockWrites(tableName, tenantId, [], unit.listed, new Date(options.now).toISOString()),
  ];
  for (let start = 0; start < late.length; start += MAX_TRANSACTION_ITEMS) {
    const items = late.slice(start, start + MAX_TRANSACTION_ITEMS);
    await retryingTransient(() => send(items, true)).catch(() => undefined);
  }
};

/**
 * The reservation chunks' writes: each transaction holds its share, its reservation record and,
 * in the first, `leading`, within DynamoDB's item and size limits. At least one chunk when there
 * is anything to lead with.
 */
const chunked = (pending: readonly TransactItem[], leading: readonly TransactItem[]): TransactItem[][] => {
  const chunks: TransactItem[][] = [];
  let current: TransactItem[] = [];
  let room = MAX_TRANSACTION_ITEMS - 1 - leading.length;
  let bytes = sumBytes(leading);
  for (const item of pending) {
    const weight = transactItemBytes(item);
    if (current.length > 0 && (current.length >= room || bytes + weight > MAX_TRANSACTION_BYTES)) {
      chunks.push(current);
      current = [];
      room = MAX_TRANSACTION_ITEMS - 1;
      bytes = 0;
    }
    current.push(item);
    bytes += weight;
  }
  if (current.length > 0 || (chunks.length === 0 && leading.length > 0)) chunks.push(current);
  return chunks;
};

const sumBytes = (items: readonly TransactItem[]): number =>
  items.reduce((sum, item) => sum + transactItemBytes(item), 0);

const isStockUpdateFor = (item: TransactItem, movement: NetMovement): boolean =>
  item.Update?.ExpressionAttributeValues?.[':sku'] === movement.sku &&
  item.Update?.ExpressionAttributeValues?.[':warehouseId'] === movement.warehouseId;

/** Repeats a write that failed only because another transaction held one of its items. */
const retryingTransient = async <T>(write: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const transient = error instanceof Error && /TransactionConflict|ThrottlingError/.test(error.message);
      if (!transient || attempt >= FINAL_ATTEMPTS) throw error;
    }
  }
};

/**
 * Gives back what one reservation moved and deletes it, with the idempotency key it owns; a
 * cancelled transaction (`TransactionCanceledException`) if it is already gone.
 */
export const undoReservation = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  reservation: Reservation,
): Promise<void> => {
  const { TransactWriteCommand } = await documentSdk();
  await client.send(
    new TransactWriteCommand({
      TransactItems: [
        ...reservation.movements.map((movement) =>
          stockUpdate(tableName, tenantId, reversed(movement), new Date().toISOString()),
        ),
        { Delete: { TableName: tableName, Key: reservation.key, ...conditionFields(itemExists()) } },
        ...(reservation.ownedKey ? [releaseIdempotencyKey(tableName, reservation.ownedKey)] : []),
      ],
    }),
  );
};

/**
 * Whether an undo failed only because the reservation is gone (completed or undone meanwhile):
 * its Delete, after the stock updates, failed its condition. A lost race or a stock condition is
 * a failure, to be tried again.
 */
export const reservationWasGone = (error: unknown, reservation: Reservation): boolean => {
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons[reservation.movements.length]?.Code === 'ConditionalCheckFailed';
};

/** Undoes every reservation an abandoned oversized commit left (taking over its request). */
export const undoAbandonedCommit = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  place: { pk: string; prefix: string },
): Promise<void> => {
  const items = await queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
    ExpressionAttributeValues: { ':pk': place.pk, ':prefix': place.prefix },
    ConsistentRead: true,
  });
  for (const item of items) {
    const reservation = reservationFromItem(item);
    await undoReservation(client, tableName, tenantId, reservation).catch((error: unknown) => {
      if (!reservationWasGone(error, reservation)) throw error;
    });
  }
};
