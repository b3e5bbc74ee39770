import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type InboxStore,
  inboxSlot,
  type OutboxEntry,
  type OutboxRef,
  type OutboxStore,
  type PublishableEvent,
} from '../../ports/event-publisher.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionFields, conditionHeld, itemIsNew, outboxListed } from './conditions.js';
import { outboxEventsOf } from './history-records.js';
import { EntryAttr } from './items.js';
import {
  type ItemKey,
  inboxKey,
  intakePartition,
  intakeSortKey,
  outboxPartition,
  outboxRecordKeys,
} from './keys.js';
import { queryEveryShard } from './table-reads.js';
import { TableAttr } from './table-schema.js';

/** The incoming event whose consumption the sweep watches: the one that creates the order. */
export const INTAKE_DETAIL_TYPE = 'Order Received';

/**
 * The outbox is the sparse `outbox` index over the history entries whose events are unpublished
 * (on their order item while they are its latest, then on their own history item) and over
 * accepted webhook events.
 */
export class DynamoDbOutbox implements OutboxStore, InboxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async accept(
    tenantId: string,
    orderId: string,
    event: PublishableEvent,
  ): Promise<'accepted' | 'duplicate'> {
    const { PutCommand } = await documentSdk();
    const slot = inboxSlot(event.detail.eventId);
    // An order's intake is listed for the sweep until its order is seen decided (liveness of intake).
    const intake =
      event.detailType === INTAKE_DETAIL_TYPE
        ? {
            [TableAttr.timerPk]: intakePartition(orderId),
            [TableAttr.timerSk]: intakeSortKey(event.detail.occurredAt, tenantId, orderId),
          }
        : {};
    const accepted = await conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...inboxKey(tenantId, orderId, event.detail.eventId),
            entity: 'inbox',
            tenantId,
            orderId,
            events: [event],
            [EntryAttr.outboxSlot]: slot,
            [TableAttr.outboxPk]: outboxPartition(`${orderId}#${slot}`),
            [TableAttr.outboxSk]: `${event.detail.occurredAt}#${orderId}#${slot}`,
            ...intake,
          },
          ...conditionFields(itemIsNew()),
        }),
      ),
    );
    return accepted ? 'accepted' : 'duplicate';
  }

  async listPending(writtenBefore: string, limit: number): Promise<OutboxEntry[]> {
    const items = await queryEveryShard(
      { client: this.client, tableName: this.tableName },
      'outbox',
      { below: '<', bound: writtenBefore },
      limit,
    );
    return items
      .sort((a, b) => String(a[TableAttr.outboxSk]).localeCompare(String(b[TableAttr.outboxSk])))
      .slice(0, limit)
      .map((item) => ({
        ref: {
          tenantId: String(item.tenantId),
          orderId: String(item.orderId),
          slot: String(item[EntryAttr.outboxSlot]),
        },
        events: outboxEventsOf(item),
      }));
  }

  /** Takes entries off the outbox index; the entries themselves, events and all, stay as written. */
  async markPublished(refs: readonly OutboxRef[], at: string) {
    await Promise.all(refs.map((ref) => this.takeOffOutbox(ref, at)));
  }

  /**
   * A history entry is on its order item while it is the latest, and a decision may move it to its
   * own history item at any time: each place is updated only if it holds this very entry, still
   * listed, so a newer entry or a newer write is never touched. Where neither does, a concurrent
   * publisher took it off first.
   */
  private async takeOffOutbox(ref: OutboxRef, at: string): Promise<void> {
    for (const key of outboxRecordKeys(ref)) {
      if (await this.takeOffIfListed(key, ref.slot, at)) return;
    }
  }

  private async takeOffIfListed(key: ItemKey, slot: string, at: string): Promise<boolean> {
    const { UpdateCommand } = await documentSdk();
    const listed = outboxListed(slot);
    return conditionHeld(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'REMOVE #outboxPk, #outboxSk SET #publishedAt = :at',
          ConditionExpression: listed.expression,
          ExpressionAttributeNames: {
            ...listed.names,
            '#outboxPk': EntryAttr.outboxPk,
            '#outboxSk': EntryAttr.outboxSk,
            '#publishedAt': EntryAttr.publishedAt,
          },
          ExpressionAttributeValues: { ...listed.values, ':at': at },
        }),
      ),
    );
  }
}
