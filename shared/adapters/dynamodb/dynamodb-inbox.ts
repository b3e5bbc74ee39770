import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ChannelChange, isRepeatOf } from '../../domain/channel-change.js';
import { type InboxStore, inboxSlot, type PublishableEvent } from '../../ports/event-publisher.js';
import { documentSdk, dynamoDbUtil } from '../aws-sdk.js';
import { channelChangeFromItem, keepChannelChange } from './channel-change-records.js';
import { conditionFields, conditionHeld, itemExists, itemIsNew } from './conditions.js';
import type { TransactItem } from './decision-writes.js';
import { ENTITY, EntryAttr } from './items.js';
import { inboxKey, intakePartition, intakeSortKey, orderKey, outboxPartition } from './keys.js';
import { batchGetConsistent } from './table-reads.js';
import { TableAttr } from './table-schema.js';

/** The incoming event whose consumption the sweep watches: the one that creates the order. */
export const INTAKE_DETAIL_TYPE = 'Order Received';

/** The outbox index's keys of an inbox entry: the sweep publishes it once its grace has passed. */
const outboxListing = (orderId: string, event: PublishableEvent) => {
  const slot = inboxSlot(event.detail.eventId);
  return {
    [TableAttr.outboxPk]: outboxPartition(`${orderId}#${slot}`),
    [TableAttr.outboxSk]: `${event.detail.occurredAt}#${orderId}#${slot}`,
  };
};

/**
 * Accepted webhook events, one inbox item each beside their order. A channel change is listed on
 * the outbox until its webhook (or the sweep) publishes it. An `Order Received` is listed for the
 * sweep's intake check instead, until the sweep sees its order decided: published by its webhook,
 * it needs no second write to say so, which is one write in three of an order's way to a
 * decision. Its webhook lists it on the outbox only when it could not publish it.
 */
export class DynamoDbInbox implements InboxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async accept(
    tenantId: string,
    orderId: string,
    event: PublishableEvent,
    change?: ChannelChange,
  ): Promise<'accepted' | 'duplicate' | 'stale'> {
    const listing =
      event.detailType === INTAKE_DETAIL_TYPE
        ? {
            [TableAttr.timerPk]: intakePartition(orderId),
            [TableAttr.timerSk]: intakeSortKey(event.detail.occurredAt, tenantId, orderId),
          }
        : outboxListing(orderId, event);
    const inbox = {
      TableName: this.tableName,
      Item: {
        ...inboxKey(tenantId, orderId, event.detail.eventId),
        entity: 'inbox',
        tenantId,
        orderId,
        events: [event],
        [EntryAttr.outboxSlot]: inboxSlot(event.detail.eventId),
        ...listing,
      },
      ...conditionFields(itemIsNew()),
    };
    if (!change) {
      const { PutCommand } = await documentSdk();
      return (await conditionHeld(this.client.send(new PutCommand(inbox)))) ? 'accepted' : 'duplicate';
    }
    return this.acceptChange(tenantId, inbox, change);
  }

  /** The inbox item and the change kept for its order, together or not at all (DESIGN §10). */
  private async acceptChange(
    tenantId: string,
    inbox: NonNullable<TransactItem['Put']>,
    change: ChannelChange,
  ): Promise<'accepted' | 'duplicate' | 'stale'> {
    const { TransactWriteCommand } = await documentSdk();
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: inbox }, keepChannelChange(this.tableName, tenantId, change)],
        }),
      );
      return 'accepted';
    } catch (error) {
      if ((error as Error).name !== 'TransactionCanceledException') throw error;
      const [delivery, kept] = (error as TransactionCanceledException).CancellationReasons ?? [];
      if (delivery?.Code === 'ConditionalCheckFailed') return 'duplicate';
      if (kept?.Code !== 'ConditionalCheckFailed' || !kept.Item) throw error;
      const { unmarshall } = await dynamoDbUtil();
      return isRepeatOf(change, channelChangeFromItem(unmarshall(kept.Item))) ? 'duplicate' : 'stale';
    }
  }

  async awaitSweep(tenantId: string, orderId: string, event: PublishableEvent): Promise<void> {
    const { UpdateCommand } = await documentSdk();
    const recorded = itemExists();
    const listing = outboxListing(orderId, event);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: inboxKey(tenantId, orderId, event.detail.eventId),
        UpdateExpression: 'SET #outboxPk = :outboxPk, #outboxSk = :outboxSk',
        ConditionExpression: recorded.expression,
        ExpressionAttributeNames: {
          ...recorded.names,
          '#outboxPk': TableAttr.outboxPk,
          '#outboxSk': TableAttr.outboxSk,
        },
        ExpressionAttributeValues: {
          ...recorded.values,
          ':outboxPk': listing[TableAttr.outboxPk],
          ':outboxSk': listing[TableAttr.outboxSk],
        },
      }),
    );
  }

  async undecidedIntake(
    tenantId: string,
    orderId: string,
    eventId: string,
  ): Promise<PublishableEvent | undefined> {
    const items = await batchGetConsistent({ client: this.client, tableName: this.tableName }, [
      orderKey(tenantId, orderId),
      inboxKey(tenantId, orderId, eventId),
    ]);
    if (items.some((item) => item.entity === ENTITY.order)) return undefined;
    return (items.find((item) => item.entity === 'inbox')?.events as PublishableEvent[] | undefined)?.[0];
  }
}
