import type { Decision } from '../allocation/decision.js';
import type { StockTarget } from '../allocation/serve-waiting.js';
import type { ChannelChange } from '../domain/channel-change.js';
import type { HistoryEntry } from '../domain/history.js';
import type { InboundSupply } from '../domain/inbound.js';
import type { SaleOrder } from '../domain/order.js';
import type { StockLevel } from '../domain/stock.js';
import type { PolicyConfig } from '../policy/policy.js';

/** Most items one atomic commit may write (DynamoDB's transaction limit); batches are sized to it. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * A write lost a race: what it found instead (stock levels and orders) lets the caller re-decide
 * without reading again. `committed` says whether an earlier part of an oversized decision landed.
 */
export class WriteConflictError extends Error {
  readonly code = 'WRITE_CONFLICT';
  constructor(
    message: string,
    readonly found: { stock: StockLevel[]; orders: SaleOrder[]; channelChanges?: ChannelChange[] },
    readonly committed: boolean,
  ) {
    super(message);
    this.name = 'WriteConflictError';
  }
}

/** The idempotency key of the request was already used: the request was applied before. */
export class DuplicateRequestError extends Error {
  readonly code = 'DUPLICATE_REQUEST';
  constructor(readonly key: string) {
    super(`Request ${key} was already applied`);
    this.name = 'DuplicateRequestError';
  }
}

export interface CommitOptions {
  policies: PolicyConfig;
  /** Written in the first transaction, so that a repeat of the request changes nothing. */
  idempotencyKey?: string;
}

export interface WaitingPage {
  orders: SaleOrder[];
  /** Present when more waiting orders follow. */
  cursor?: string;
}

/** The persistence port the use cases need; the DynamoDB adapter implements it. */
export interface BackorderRepository {
  loadPolicies(tenantId: string): Promise<PolicyConfig>;
  /** An order with every order of its split family, their history, and the channel's newest change kept. */
  loadFamily(
    tenantId: string,
    orderId: string,
  ): Promise<{ orders: SaleOrder[]; history: HistoryEntry[]; channelChanges?: ChannelChange[] }>;
  /**
   * Keeps a channel change for an order not received yet (DESIGN §10), if it is newer than the one
   * kept: `kept`, `older` (a newer one is kept), or `order-exists` (it arrived meanwhile: apply it).
   */
  keepEarlyChange(tenantId: string, change: ChannelChange): Promise<'kept' | 'older' | 'order-exists'>;
  loadStock(tenantId: string, targets: readonly StockTarget[]): Promise<StockLevel[]>;
  /** One page of a SKU's waiting orders, in the queue's policy order. */
  loadWaiting(
    tenantId: string,
    target: StockTarget,
    page: { limit: number; cursor?: string },
  ): Promise<WaitingPage>;
  /** Orders that hold stock of a SKU and may give it back (Ready to Pick or Awaiting Stock). */
  loadReclaimable(tenantId: string, target: StockTarget): Promise<SaleOrder[]>;
  loadInbound(tenantId: string, targets: readonly StockTarget[]): Promise<InboundSupply[]>;
  /**
   * Records expected supply (a new ETA for the same inbound id replaces the old one). With an
   * idempotency key a repeat is refused, so that it cannot bring back an ETA replaced since.
   */
  saveInbound(supply: InboundSupply, options?: { idempotencyKey?: string }): Promise<void>;
  /** Whether a request with this idempotency key was already committed. */
  wasApplied(tenantId: string, key: string): Promise<boolean>;
  commit(tenantId: string, decision: Decision, options: CommitOptions): Promise<void>;
}
