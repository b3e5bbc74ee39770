import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type InboxStore,
  inboxSlot,
  type OutboxEntry,
  type OutboxRef,
  type OutboxStore,
  type PublishableEvent,
} from '../../ports/event-publisher.js';
import { conditionFields, itemIsNew } from './conditions.js';
import { inboxKey, OUTBOX_INDEX_PARTITIONS, outboxPartition, outboxRecordKey } from './keys.js';
import { TableAttr, TableIndex } from './table-schema.js';

/**
 * The outbox is the sparse `outbox` index over history items (and accepted webhook events) whose
 * events are unpublished.
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
    const slot = inboxSlot(event.detail.eventId);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...inboxKey(tenantId, orderId, event.detail.eventId),
            entity: 'inbox',
            tenantId,
            orderId,
            events: [event],
            outboxSlot: slot,
            [TableAttr.outboxPk]: outboxPartition(`${orderId}#${slot}`),
            [TableAttr.outboxSk]: `${event.detail.occurredAt}#${orderId}#${slot}`,
          },
          ...conditionFields(itemIsNew()),
        }),
      );
      return 'accepted';
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return 'duplicate';
      throw error;
    }
  }

  async listPending(writtenBefore: string, limit: number): Promise<OutboxEntry[]> {
    const shards = await Promise.all(
      OUTBOX_INDEX_PARTITIONS.map((partition) =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: TableIndex.outbox,
            KeyConditionExpression: '#pk = :pk AND #sk < :before',
            ExpressionAttributeNames: { '#pk': TableAttr.outboxPk, '#sk': TableAttr.outboxSk },
            ExpressionAttributeValues: { ':pk': partition, ':before': writtenBefore },
            Limit: limit,
          }),
        ),
      ),
    );
    return shards
      .flatMap((shard) => shard.Items ?? [])
      .sort((a, b) => String(a[TableAttr.outboxSk]).localeCompare(String(b[TableAttr.outboxSk])))
      .slice(0, limit)
      .map((item) => ({
        ref: {
          tenantId: String(item.tenantId),
          orderId: String(item.orderId),
          slot: String(item.outboxSlot),
        },
        events: item.events as PublishableEvent[],
      }));
  }

  /** Takes entries off the outbox index; the history entry itself is left as written. */
  async markPublished(refs: readonly OutboxRef[], at: string) {
    await Promise.all(
      refs.map((ref) =>
        this.client
          .send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: outboxRecordKey(ref),
              UpdateExpression: 'REMOVE #outboxPk, #outboxSk SET #publishedAt = :at',
              ConditionExpression: 'attribute_exists(#outboxPk)',
              ExpressionAttributeNames: {
                '#outboxPk': TableAttr.outboxPk,
                '#outboxSk': TableAttr.outboxSk,
                '#publishedAt': 'publishedAt',
              },
              ExpressionAttributeValues: { ':at': at },
            }),
          )
          .catch((error: Error) => {
            // Already taken off by a concurrent publisher: nothing left to do.
            if (error.name !== 'ConditionalCheckFailedException') throw error;
          }),
      ),
    );
  }
}
