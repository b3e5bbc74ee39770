import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ChannelChange, isRepeatOf } from '../../domain/channel-change.js';
import {
  type InboxStore,
  inboxSlot,
  type OutboxEntry,
  type OutboxRef,
  type OutboxStore,
  type PublishableEvent,
  type SetAsideEntry,
} from '../../ports/event-publisher.js';
import { documentSdk, dynamoDbUtil } from '../aws-sdk.js';
import { channelChangeFromItem, keepChannelChange } from './channel-change-records.js';
import { conditionFields, conditionHeld, itemIsNew, outboxListed } from './conditions.js';
import type { TransactItem } from './decision-writes.js';
import { outboxEventsOf } from './history-records.js';
import { EntryAttr, type Item } from './items.js';
import {
  type ItemKey,
  inboxKey,
  intakePartition,
  intakeSortKey,
  OUTBOX_SET_ASIDE_PARTITION,
  outboxPartition,
  outboxRecordKeys,
} from './keys.js';
import { queryEveryShard } from './table-reads.js';
import { TableAttr, TableIndex } from './table-schema.js';

const entryOf = (item: Item): OutboxEntry => ({
  ref: {
    tenantId: String(item.tenantId),
    orderId: String(item.orderId),
    slot: String(item[EntryAttr.outboxSlot]),
  },
  events: outboxEventsOf(item),
});

interface OutboxUpdate {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

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
    change?: ChannelChange,
  ): Promise<'accepted' | 'duplicate' | 'stale'> {
    const slot = inboxSlot(event.detail.eventId);
    // An order's intake is listed for the sweep until its order is seen decided (liveness of intake).
    const intake =
      event.detailType === INTAKE_DETAIL_TYPE
        ? {
            [TableAttr.timerPk]: intakePartition(orderId),
            [TableAttr.timerSk]: intakeSortKey(event.detail.occurredAt, tenantId, orderId),
          }
        : {};
    const inbox = {
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
      .map(entryOf);
  }

  /**
   * Moves each entry to the set-aside partition of the outbox index, where it is kept, events and
   * all, wherever it is stored (as `takeOffOutbox` finds it), with when and why.
   */
  async setAside(entries: readonly SetAsideEntry[], at: string): Promise<void> {
    await Promise.all(
      entries.map(async ({ ref, reason }) => {
        for (const key of outboxRecordKeys(ref)) {
          if (await this.updateIfListed(key, ref.slot, this.setAsideUpdate(at, reason))) return;
        }
      }),
    );
  }

  async listSetAside(limit: number): Promise<Array<OutboxEntry & { setAsideAt: string; reason: string }>> {
    const { QueryCommand } = await documentSdk();
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: TableIndex.outbox,
        KeyConditionExpression: '#pk = :aside',
        ExpressionAttributeNames: { '#pk': TableAttr.outboxPk },
        ExpressionAttributeValues: { ':aside': OUTBOX_SET_ASIDE_PARTITION },
        Limit: limit,
      }),
    );
    return Items.map((item) => ({
      ...entryOf(item),
      setAsideAt: String(item[EntryAttr.setAsideAt]),
      reason: String(item[EntryAttr.setAsideReason]),
    }));
  }

  private setAsideUpdate(at: string, reason: string): OutboxUpdate {
    return {
      expression: 'SET #outboxPk = :aside, #setAsideAt = :at, #setAsideReason = :reason',
      names: {
        '#outboxPk': EntryAttr.outboxPk,
        '#setAsideAt': EntryAttr.setAsideAt,
        '#setAsideReason': EntryAttr.setAsideReason,
      },
      values: { ':aside': OUTBOX_SET_ASIDE_PARTITION, ':at': at, ':reason': reason },
    };
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
    const update: OutboxUpdate = {
      expression: 'REMOVE #outboxPk, #outboxSk SET #publishedAt = :at',
      names: {
        '#outboxPk': EntryAttr.outboxPk,
        '#outboxSk': EntryAttr.outboxSk,
        '#publishedAt': EntryAttr.publishedAt,
      },
      values: { ':at': at },
    };
    for (const key of outboxRecordKeys(ref)) {
      if (await this.updateIfListed(key, ref.slot, update)) return;
    }
  }

  private async updateIfListed(key: ItemKey, slot: string, update: OutboxUpdate): Promise<boolean> {
    const { UpdateCommand } = await documentSdk();
    const listed = outboxListed(slot);
    return conditionHeld(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: update.expression,
          ConditionExpression: listed.expression,
          ExpressionAttributeNames: { ...listed.names, ...update.names },
          ExpressionAttributeValues: { ...listed.values, ...update.values },
        }),
      ),
    );
  }
}
