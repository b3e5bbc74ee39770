import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../../allocation/decision.js';
import type { StockTarget } from '../../allocation/serve-waiting.js';
import { waitingRank } from '../../allocation/waiting-queue.js';
import type { ChannelChange } from '../../domain/channel-change.js';
import type { HistoryEntry } from '../../domain/history.js';
import type { InboundSupply } from '../../domain/inbound.js';
import { UnknownInboundError } from '../../domain/inbound-errors.js';
import type { KitBook } from '../../domain/kit.js';
import type { SaleOrder } from '../../domain/order.js';
import { type StockLevel, stockKey } from '../../domain/stock.js';
import type { PolicyConfig } from '../../policy/policy.js';
import { queuePriority } from '../../policy/resolve-policy.js';
import type {
  BackorderRepository,
  CommitOptions,
  InboundReceipt,
  WaitingPage,
} from '../../ports/backorder-repository.js';
import { documentSdk } from '../aws-sdk.js';
import { channelChangeFromItem, keepEarlyChange } from './channel-change-records.js';
import { commitDecision } from './commit-decision.js';
import { historyOf } from './history-records.js';
import {
  completeIdempotencyKey,
  idempotencyExpiresAt,
  idempotencyKeyWasUsed,
} from './idempotency-records.js';
import { readInbound, receiveAgainstInbound, writeInbound } from './inbound-records.js';
import { ENTITY, type Item, orderFromItem, stockFromItem } from './items.js';
import { kitsKey, orderFamilyPk, orderKey, policyKey, stockItemKey } from './keys.js';
import { LatestEntryMemo } from './latest-entry-memo.js';
import { holdingOrderIds, waitingQueuePage } from './order-index-reads.js';
import { batchGetConsistent, queryAll } from './table-reads.js';

/** Holders read a page at a time while they hold fewer units than must be taken back. */
const RECLAIM_PAGE_SIZE = 25;
const RECLAIMABLE: ReadonlySet<SaleOrder['status']> = new Set(['ReadyToPick', 'AwaitingStock']);

const allocatedOf = (order: SaleOrder, sku: string): number =>
  order.lines.reduce((sum, line) => sum + (line.sku === sku ? line.allocated : 0), 0);

export interface DynamoDbRepositoryOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** How long tenant policies are reused before they are read again (default 30 s). */
  policyCacheMs?: number;
  /** How long tenant kits are reused by a read that need not be fresh (default: as policies). */
  kitCacheMs?: number;
  now?: () => number;
}

/** The backorder repository on one DynamoDB table (the single-table design in `keys.ts`). */
export class DynamoDbBackorderRepository implements BackorderRepository {
  private readonly policyCache = new Map<string, { at: number; config: PolicyConfig }>();
  private readonly kitCache = new Map<string, { at: number; kits: KitBook }>();
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

  async loadKits(tenantId: string, read: { fresh: boolean } = { fresh: true }): Promise<KitBook> {
    const cached = this.kitCache.get(tenantId);
    const cacheMs = this.options.kitCacheMs ?? this.options.policyCacheMs ?? 30_000;
    if (!read.fresh && cached && this.now() - cached.at < cacheMs) return cached.kits;
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: kitsKey(tenantId), ConsistentRead: true }),
    );
    const kits = (Item?.kits as KitBook | undefined) ?? {};
    this.kitCache.set(tenantId, { at: this.now(), kits });
    return kits;
  }

  async loadFamily(
    tenantId: string,
    orderId: string,
  ): Promise<{ orders: SaleOrder[]; history: HistoryEntry[]; channelChanges: ChannelChange[] }> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: { ':pk': orderFamilyPk(tenantId, orderId) },
      ConsistentRead: true,
    });
    return {
      orders: this.ordersRead(items.filter((item) => item.entity === ENTITY.order)),
      history: historyOf(items),
      channelChanges: items.filter((item) => item.entity === ENTITY.channelChange).map(channelChangeFromItem),
    };
  }

  async keepEarlyChange(tenantId: string, change: ChannelChange): Promise<'kept' | 'older' | 'order-exists'> {
    return keepEarlyChange(this.options, tenantId, change);
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
    const {
      orderIds,
      orders: standing,
      waitItemOrderIds,
      cursor,
    } = await waitingQueuePage(this.options, tenantId, target, page);
    // An order item in the queue is read once, from the index: the index is eventually
    // consistent, but a decision on an order that changed since fails its version condition and
    // is made again. A wait item only names its order, which is then read consistently.
    const byId = new Map(
      this.ordersRead([
        ...standing,
        ...(await this.batchGet(waitItemOrderIds.map((orderId) => orderKey(tenantId, orderId)))),
      ]).map((order) => [order.orderId, order]),
    );
    const inQueueOrder = orderIds.flatMap((orderId) => byId.get(orderId) ?? []);
    const waiting = inQueueOrder.filter((order) => order.status === 'AwaitingStock');
    return { orders: waiting, ...(cursor ? { cursor } : {}) };
  }

  async loadReclaimable(
    tenantId: string,
    target: StockTarget,
    units: number,
    counts: (order: SaleOrder) => boolean = () => true,
  ): Promise<SaleOrder[]> {
    const found: SaleOrder[] = [];
    let held = 0;
    let cursor: string | undefined;
    do {
      const page = await holdingOrderIds(this.options, tenantId, target, {
        limit: RECLAIM_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const orders = this.ordersRead(
        await this.batchGet(page.orderIds.map((orderId) => orderKey(tenantId, orderId))),
      ).filter((order) => RECLAIMABLE.has(order.status) && order.warehouseId === target.warehouseId);
      found.push(...orders);
      held += orders.filter(counts).reduce((sum, order) => sum + allocatedOf(order, target.sku), 0);
      cursor = page.cursor;
    } while (cursor && held < units);
    return found;
  }

  async loadInbound(tenantId: string, targets: readonly StockTarget[]): Promise<InboundSupply[]> {
    return readInbound(this.options, tenantId, targets);
  }

  async saveInbound(supply: InboundSupply, options: { idempotencyKey?: string } = {}): Promise<void> {
    const idempotency = options.idempotencyKey
      ? { key: options.idempotencyKey, expiresAt: idempotencyExpiresAt(this.now()) }
      : undefined;
    const { updatedAt, ...line } = supply;
    const version = updatedAt ? { updatedAt: new Date(updatedAt).toISOString() } : {};
    return writeInbound(this.options, { ...line, ...version }, idempotency);
  }

  async receiveAgainstInbound(
    tenantId: string,
    receiptKey: string,
    lines: readonly InboundReceipt[],
  ): Promise<void> {
    if (lines.length === 0) return;
    const targets = [
      ...new Map(lines.map((line) => [`${line.warehouseId}\u0000${line.sku}`, line])).values(),
    ];
    const known = new Set(
      (await readInbound(this.options, tenantId, targets)).map(
        (supply) => `${supply.warehouseId}\u0000${supply.sku}\u0000${supply.inboundId}`,
      ),
    );
    const unknown = lines.find(
      (line) => !known.has(`${line.warehouseId}\u0000${line.sku}\u0000${line.inboundId}`),
    );
    if (unknown) throw new UnknownInboundError(unknown.inboundId, unknown.warehouseId, unknown.sku);
    return receiveAgainstInbound(this.options, tenantId, receiptKey, lines);
  }

  async wasApplied(tenantId: string, key: string, requestHash?: string): Promise<boolean> {
    return idempotencyKeyWasUsed(this.options, tenantId, key, requestHash);
  }

  async completeRequest(tenantId: string, key: string): Promise<void> {
    return completeIdempotencyKey(this.options, tenantId, key);
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
      now: this.now(),
      ...(options.completedLater ? { completedLater: true } : {}),
      ...(options.requestHash ? { requestHash: options.requestHash } : {}),
      ...(options.idempotencyKey
        ? {
            idempotencyKey: options.idempotencyKey,
            idempotencyExpiresAt: idempotencyExpiresAt(this.now()),
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

  private batchGet(keys: ReadonlyArray<{ pk: string; sk: string }>): Promise<Item[]> {
    return batchGetConsistent(this.options, keys);
  }
}
