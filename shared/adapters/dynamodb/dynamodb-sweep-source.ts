import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SaleOrder } from '../../domain/order.js';
import type { PublishableEvent } from '../../ports/event-publisher.js';
import type { ListingPage } from '../../ports/listing-page.js';
import type { DueTimer, IntakeEntry, SweepSource } from '../../ports/sweep-source.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionHeld, intakeListed } from './conditions.js';
import { ENTITY, type Item, orderFromItem, stockFromItem } from './items.js';
import { inboxKey, intakeSortKey, orderKey, statusPartition, TENANT_REGISTRY_PK } from './keys.js';
import {
  type Reservation,
  reservationFromItem,
  reservationWasGone,
  siblingReservations,
  undoReservation,
} from './oversized-commit.js';
import { batchGetConsistent, queryAll, queryEveryShard } from './table-reads.js';
import { TableAttr, TableIndex } from './table-schema.js';

const toTimer = (item: Item): DueTimer | undefined => {
  const dueAt = String(item[TableAttr.timerSk]).split('#')[0] ?? '';
  if (item.entity === ENTITY.order && item.status === 'AwaitingStock') {
    return { kind: 'splitDelay', tenantId: String(item.tenantId), orderId: String(item.orderId), dueAt };
  }
  if (item.entity === 'reservation') {
    return { kind: 'reservation', tenantId: String(item.tenantId), ref: reservationFromItem(item), dueAt };
  }
  if (item.entity === ENTITY.stock) {
    return {
      kind: 'freeStock',
      tenantId: String(item.tenantId),
      warehouseId: String(item.warehouseId),
      sku: String(item.sku),
      ref: { pk: String(item.pk), sk: String(item.sk), timerSk: String(item[TableAttr.timerSk]) },
      dueAt,
      level: stockFromItem(item, String(item.tenantId), String(item.warehouseId), String(item.sku)),
    };
  }
  return undefined;
};

const toIntakeEntry = (item: Item): IntakeEntry => ({
  tenantId: String(item.tenantId),
  orderId: String(item.orderId),
  event: (item.events as PublishableEvent[])[0] as PublishableEvent,
  handedOverAt: String(item[TableAttr.timerSk]).split('#')[0] ?? '',
});

const inboxKeyOf = (entry: IntakeEntry) =>
  inboxKey(entry.tenantId, entry.orderId, entry.event.detail.eventId);

export class DynamoDbSweepSource implements SweepSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async dueTimers(now: string, limit: number, after?: string): Promise<ListingPage<DueTimer>> {
    // `~` sorts after every key character, so every timer due at `now` is included.
    const { items, next } = await queryEveryShard(
      { client: this.client, tableName: this.tableName },
      'timers',
      { below: '<=', bound: `${now}~`, ...(after === undefined ? {} : { after }) },
      limit,
    );
    const entries = items.map(toTimer).filter((timer): timer is DueTimer => timer !== undefined);
    return next === undefined ? { entries } : { entries, next };
  }

  async undoReservation(timer: Extract<DueTimer, { kind: 'reservation' }>): Promise<void> {
    const reservation = timer.ref as Reservation;
    // The chunk that owns the key goes last: with the key gone, a redelivery receives everything
    // again, so no other chunk's stock (one whose undo fails, as others allocated it) may stay.
    if (reservation.ownedKey) {
      const others = await siblingReservations(this.client, this.tableName, reservation);
      if (others.length > 0) throw new Error("Reservation kept until its commit's other chunks are undone");
    }
    await undoReservation(this.client, this.tableName, timer.tenantId, reservation).catch(
      (error: unknown) => {
        // Completed or undone meanwhile: the reservation is gone, which is what the sweep wanted.
        // Anything else (a lost race, a stock condition) is a failure: the next sweep tries again.
        if (!reservationWasGone(error, reservation)) throw error;
      },
    );
  }

  async settleFreeStock(timer: Extract<DueTimer, { kind: 'freeStock' }>): Promise<void> {
    const { UpdateCommand } = await documentSdk();
    const { pk, sk, timerSk } = timer.ref as { pk: string; sk: string; timerSk: string };
    await conditionHeld(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk, sk },
          UpdateExpression: 'REMOVE #timerPk, #timerSk',
          ConditionExpression: '#timerSk = :seen',
          ExpressionAttributeNames: { '#timerPk': TableAttr.timerPk, '#timerSk': TableAttr.timerSk },
          ExpressionAttributeValues: { ':seen': timerSk },
        }),
      ),
    );
  }

  async tenantIds(): Promise<string[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: { ':pk': TENANT_REGISTRY_PK },
    });
    return items.map((item) => String(item.tenantId));
  }

  async oldestWaiting(tenantId: string, limit: number): Promise<SaleOrder[]> {
    const { QueryCommand } = await documentSdk();
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: TableIndex.byStatus,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TableAttr.statusPk },
        ExpressionAttributeValues: { ':pk': statusPartition(tenantId, 'AwaitingStock') },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => orderFromItem(item as Item));
  }

  async waitingCreatedBefore(tenantId: string, before: string): Promise<SaleOrder[]> {
    // The status index sorts by `<createdAt>#<orderId>`: the key condition reads only the old ones.
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: TableIndex.byStatus,
      KeyConditionExpression: '#pk = :pk AND #sk < :before',
      ExpressionAttributeNames: { '#pk': TableAttr.statusPk, '#sk': TableAttr.statusSk },
      ExpressionAttributeValues: { ':pk': statusPartition(tenantId, 'AwaitingStock'), ':before': before },
    });
    return items.map((item) => orderFromItem(item));
  }

  async unescalatedWaitingCreatedBefore(tenantId: string, before: string): Promise<SaleOrder[]> {
    // Escalated orders are left out by the index read itself (still read, not returned).
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: TableIndex.byStatus,
      KeyConditionExpression: '#pk = :pk AND #sk < :before',
      FilterExpression: 'attribute_not_exists(#escalatedAt)',
      ExpressionAttributeNames: {
        '#pk': TableAttr.statusPk,
        '#sk': TableAttr.statusSk,
        '#escalatedAt': 'escalatedAt',
      },
      ExpressionAttributeValues: { ':pk': statusPartition(tenantId, 'AwaitingStock'), ':before': before },
    });
    return items.map((item) => orderFromItem(item));
  }

  async intakeHandedOverBefore(
    before: string,
    limit: number,
    after?: string,
  ): Promise<ListingPage<IntakeEntry>> {
    const { items, next } = await queryEveryShard(
      { client: this.client, tableName: this.tableName },
      'intake',
      { below: '<', bound: before, ...(after === undefined ? {} : { after }) },
      limit,
    );
    const entries = items.map(toIntakeEntry);
    return next === undefined ? { entries } : { entries, next };
  }

  async decidedOrders(entries: readonly IntakeEntry[]): Promise<Set<string>> {
    const found = await batchGetConsistent(
      { client: this.client, tableName: this.tableName },
      entries.map((entry) => orderKey(entry.tenantId, entry.orderId)),
    );
    // A change its channel sent first may stand under the key of an order not decided yet.
    return new Set(
      found
        .filter((item) => item.entity === ENTITY.order)
        .map((item) => `${String(item.tenantId)}#${String(item.orderId)}`),
    );
  }

  async intakeDecided(entry: IntakeEntry): Promise<void> {
    const { UpdateCommand } = await documentSdk();
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: inboxKeyOf(entry),
        UpdateExpression: 'REMOVE #timerPk, #timerSk',
        ExpressionAttributeNames: { '#timerPk': TableAttr.timerPk, '#timerSk': TableAttr.timerSk },
      }),
    );
  }

  async intakeHandedOverAgain(entry: IntakeEntry, at: string): Promise<void> {
    const { UpdateCommand } = await documentSdk();
    const listed = intakeListed();
    await conditionHeld(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: inboxKeyOf(entry),
          UpdateExpression: 'SET #timerSk = :at',
          // Only while still listed: a sweep that saw the order decided meanwhile took it off.
          ConditionExpression: listed.expression,
          ExpressionAttributeNames: { ...listed.names, '#timerSk': TableAttr.timerSk },
          ExpressionAttributeValues: {
            ...listed.values,
            ':at': intakeSortKey(at, entry.tenantId, entry.orderId),
          },
        }),
      ),
    );
  }
}
