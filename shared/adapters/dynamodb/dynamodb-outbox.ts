import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxEntry, OutboxRef, OutboxStore, SetAsideEntry } from '../../ports/event-publisher.js';
import type { ListingPage } from '../../ports/listing-page.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionHeld, outboxListed } from './conditions.js';
import { outboxEventsOf } from './history-records.js';
import { EntryAttr, type Item } from './items.js';
import { type ItemKey, OUTBOX_SET_ASIDE_PARTITION, outboxRecordKeys } from './keys.js';
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

/**
 * The outbox is the sparse `outbox` index over the history entries whose events are unpublished
 * (on their order item while they are its latest, then on their own history item) and over
 * accepted webhook events (DynamoDbInbox).
 */
export class DynamoDbOutbox implements OutboxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listPending(writtenBefore: string, limit: number, after?: string): Promise<ListingPage<OutboxEntry>> {
    const { items, next } = await queryEveryShard(
      { client: this.client, tableName: this.tableName },
      'outbox',
      { below: '<', bound: writtenBefore, ...(after === undefined ? {} : { after }) },
      limit,
    );
    const entries = items.map(entryOf);
    return next === undefined ? { entries } : { entries, next };
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
