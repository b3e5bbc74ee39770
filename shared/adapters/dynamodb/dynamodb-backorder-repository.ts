import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../../allocation/decision.js';
import type { StockTarget } from '../../allocation/serve-waiting.js';
import { waitingRank } from '../../allocation/waiting-queue.js';
import type { HistoryEntry } from '../../domain/history.js';
import type { InboundSupply } from '../../domain/inbound.js';
import type { SaleOrder } from '../../domain/order.js';
import { type StockLevel, stockKey } from '../../domain/stock.js';
import type { PolicyConfig } from '../../policy/policy.js';
import { queuePriority } from '../../policy/resolve-policy.js';
import type { BackorderRepository, CommitOptions, WaitingPage } from '../../ports/backorder-repository.js';
import { documentSdk } from '../aws-sdk.js';
import { commitDecision } from './commit-decision.js';
import { conditionFields, itemIsNew } from './conditions.js';
import { historyOf } from './history-records.js';
import { ENTITY, type Item, orderFromItem, stockFromItem } from './items.js';
import {
  idempotencyKey,
  inboundKey,
  inboundPk,
  orderFamilyPk,
  orderKey,
  policyKey,
  statusPartition,
  stockItemKey,
  waitingPartition,
} from './keys.js';
import { LatestEntryMemo } from './latest-entry-memo.js';
import { TableAttr, TableIndex } from './table-schema.js';
import { sendTransaction } from './transaction-errors.js';

const BATCH_GET_LIMIT = 100;
const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

export interface DynamoDbRepositoryOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** How long tenant policies are reused before they are read again (default 30 s). */
  policyCacheMs?: number;
  now?: () => number;
}

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
const decodeCursor = (cursor: string | undefined) =>
  cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>) : undefined;

/** The backorder repository on one DynamoDB table (the single-table design in `keys.ts`). */
export class DynamoDbBackorderRepository implements BackorderRepository {
  private readonly policyCache = new Map<string, { at: number; config: PolicyConfig }>();
  private readonly latestEntries = new LatestEntryMemo();

  constructor(private readonly options: DynamoDbRepositoryOptions) {}

  private get client() {
    return this.options.client;
  }

  private get tableName() {
    return this.options.tableName;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async loadPolicies(tenantId: string): Promise<PolicyConfig> {
    const cached = this.policyCache.get(tenantId);
    if (cached && this.now() - cached.at < (this.options.policyCacheMs ?? 30_000)) return cached.config;
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: policyKey(tenantId) }),
    );
    const config = (Item?.config as PolicyConfig | undefined) ?? {};
    this.policyCache.set(tenantId, { at: this.now(), config });
    return config;
  }

  async loadFamily(
    tenantId: string,
    orderId: string,
  ): Promise<{ orders: SaleOrder[]; history: HistoryEntry[] }> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: { ':pk': orderFamilyPk(tenantId, orderId) },
      ConsistentRead: true,
    });
    return {
      orders: this.ordersRead(items.filter((item) => item.entity === ENTITY.order)),
      history: historyOf(items),
    };
  }

  async loadStock(tenantId: string, targets: readonly StockTarget[]): Promise<StockLevel[]> {
    const unique = new Map(targets.map((target) => [stockKey(target.warehouseId, target.sku), target]));
    const found = await this.batchGet(
      [...unique.values()].map((t) => stockItemKey(tenantId, t.warehouseId, t.sku)),
    );
    const byKey = new Map(found.map((item) => [stockKey(String(item.warehouseId), String(item.sku)), item]));
    return [...unique].map(([key, target]) =>
      stockFromItem(byKey.get(key), tenantId, target.warehouseId, target.sku),
    );
  }

  async loadWaiting(
    tenantId: string,
    target: StockTarget,
    page: { limit: number; cursor?: string },
  ): Promise<WaitingPage> {
    const exclusiveStartKey = decodeCursor(page.cursor);
    const { QueryCommand } = await documentSdk();
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: TableIndex.waiting,
        KeyConditionExpression: '#waitPk = :waitPk',
        ExpressionAttributeNames: { '#waitPk': TableAttr.waitPk },
        ExpressionAttributeValues: { ':waitPk': waitingPartition(tenantId, target.warehouseId, target.sku) },
        Limit: page.limit,
        ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
      }),
    );
    const orderIds = (result.Items ?? []).map((item) => String(item.orderId));
    const orders = this.ordersRead(
      await this.batchGet(orderIds.map((orderId) => orderKey(tenantId, orderId))),
    );
    // The index is eventually consistent: the orders themselves, read consistently, have the last word.
    const waiting = orders.filter((order) => order.status === 'AwaitingStock');
    const cursor = encodeCursor(result.LastEvaluatedKey);
    return { orders: waiting, ...(cursor ? { cursor } : {}) };
  }

  async loadReclaimable(tenantId: string, target: StockTarget): Promise<SaleOrder[]> {
    const statuses = ['ReadyToPick', 'AwaitingStock'] as const;
    const pages = await Promise.all(
      statuses.map((status) =>
        this.queryAll({
          TableName: this.tableName,
          IndexName: TableIndex.byStatus,
          KeyConditionExpression: '#statusPk = :statusPk',
          ExpressionAttributeNames: { '#statusPk': TableAttr.statusPk },
          ExpressionAttributeValues: { ':statusPk': statusPartition(tenantId, status) },
        }),
      ),
    );
    const candidates = pages
      .flat()
      .map(orderFromItem)
      .filter(
        (order) =>
          order.warehouseId === target.warehouseId &&
          order.lines.some((line) => line.sku === target.sku && line.allocated > 0),
      );
    const fresh = await this.batchGet(candidates.map((order) => orderKey(tenantId, order.orderId)));
    return this.ordersRead(fresh).filter((order) =>
      statuses.includes(order.status as (typeof statuses)[number]),
    );
  }

  async loadInbound(tenantId: string, targets: readonly StockTarget[]): Promise<InboundSupply[]> {
    const pages = await Promise.all(
      targets.map((target) =>
        this.queryAll({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ExpressionAttributeValues: { ':pk': inboundPk(tenantId, target.warehouseId, target.sku) },
        }),
      ),
    );
    return pages.flat().map((item) => ({
      tenantId,
      inboundId: String(item.inboundId),
      warehouseId: String(item.warehouseId),
      sku: String(item.sku),
      quantity: Number(item.quantity),
      eta: String(item.eta),
    }));
  }

  async saveInbound(supply: InboundSupply, options: { idempotencyKey?: string } = {}): Promise<void> {
    const { PutCommand } = await documentSdk();
    const item = {
      ...inboundKey(supply.tenantId, supply.warehouseId, supply.sku, supply.inboundId),
      entity: 'inbound',
      ...supply,
    };
    if (!options.idempotencyKey) {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
      return;
    }
    const items = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...idempotencyKey(supply.tenantId, options.idempotencyKey),
            entity: ENTITY.idempotency,
            expiresAt: Math.floor(this.now() / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          ...conditionFields(itemIsNew()),
        },
      },
      { Put: { TableName: this.tableName, Item: item } },
    ];
    await sendTransaction(this.client, items, {
      tenantId: supply.tenantId,
      idempotencyKey: options.idempotencyKey,
      committedBefore: false,
    });
  }

  async wasApplied(tenantId: string, key: string): Promise<boolean> {
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: idempotencyKey(tenantId, key),
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return Item !== undefined;
  }

  async commit(tenantId: string, decision: Decision, options: CommitOptions): Promise<void> {
    const previousEntries = await this.latestEntries.entriesRewrittenBy(decision, (keys) =>
      this.batchGet(keys),
    );
    await commitDecision(this.client, decision, {
      tableName: this.tableName,
      tenantId,
      rankFor: (order, sku) => waitingRank(order, queuePriority(options.policies, sku)),
      previousEntries,
      ...(options.idempotencyKey
        ? {
            idempotencyKey: options.idempotencyKey,
            idempotencyExpiresAt: Math.floor(this.now() / 1000) + IDEMPOTENCY_TTL_SECONDS,
          }
        : {}),
    });
    this.latestEntries.forgetRewrittenBy(decision);
  }

  /** Orders from items read consistently, their latest history entries remembered for the commit. */
  private ordersRead(items: readonly Item[]): SaleOrder[] {
    for (const item of items) this.latestEntries.remember(item);
    return items.map(orderFromItem);
  }

  private async queryAll(input: QueryCommandInput): Promise<Item[]> {
    const { QueryCommand } = await documentSdk();
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Consistent BatchGetItem in chunks, retrying whatever DynamoDB leaves unprocessed. */
  private async batchGet(requested: ReadonlyArray<{ pk: string; sk: string }>): Promise<Item[]> {
    const { BatchGetCommand } = await documentSdk();
    const keys = [...new Map(requested.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
    const items: Item[] = [];
    for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
      let request:
        | Record<string, { Keys: Array<Record<string, unknown>>; ConsistentRead: boolean }>
        | undefined = {
        [this.tableName]: { Keys: keys.slice(start, start + BATCH_GET_LIMIT), ConsistentRead: true },
      };
      while (request && Object.keys(request).length > 0) {
        const result = await this.client.send(new BatchGetCommand({ RequestItems: request }));
        items.push(...((result.Responses?.[this.tableName] ?? []) as Item[]));
        request = result.UnprocessedKeys as typeof request;
      }
    }
    return items;
  }
}
