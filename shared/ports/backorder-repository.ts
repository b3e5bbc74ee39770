import type { Decision } from '../allocation/decision.js';
import type { StockTarget } from '../allocation/serve-waiting.js';
import type { ChannelChange } from '../domain/channel-change.js';
import { DomainError } from '../domain/errors.js';
import type { HistoryEntry } from '../domain/history.js';
import type { InboundSupply } from '../domain/inbound.js';
import type { KitBook } from '../domain/kit.js';

/** Units of a receipt line counted against the inbound line it names. */
export interface InboundReceipt {
  warehouseId: string;
  sku: string;
  inboundId: string;
  quantity: number;
}

import type { SaleOrder } from '../domain/order.js';
import type { StockLevel } from '../domain/stock.js';
import type { PolicyConfig } from '../policy/policy.js';

/** Most items one atomic commit may write (DynamoDB's transaction limit); batches are sized to it. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * A write lost a race: what it found instead (stock levels and orders) lets the caller re-decide
 * without reading again. `committed` says whether an earlier part of an oversized decision landed.
 * `decision` is the one the failed run decided last (runDecision sets it), which a caller finishes
 * from when part of it landed.
 */
export class WriteConflictError extends Error {
  readonly code = 'WRITE_CONFLICT';
  constructor(
    message: string,
    readonly found: { stock: StockLevel[]; orders: SaleOrder[]; channelChanges?: ChannelChange[] },
    readonly committed: boolean,
    readonly decision?: Decision,
  ) {
    super(message);
    this.name = 'WriteConflictError';
  }

  withDecision(decision: Decision): WriteConflictError {
    return Object.assign(new WriteConflictError(this.message, this.found, this.committed, decision), {
      stack: this.stack,
    });
  }
}

/**
 * The idempotency key of the request was already used: the request was applied before. When
 * `incomplete`, its own change landed but the work that follows from it (serving the stock it
 * freed) may not have: the caller finishes that work, from `decision` (the one the run decided
 * again and found the key taken: runDecision sets it), rather than answer `duplicate`.
 */
export class DuplicateRequestError extends Error {
  readonly code = 'DUPLICATE_REQUEST';
  constructor(
    readonly key: string,
    readonly incomplete = false,
    readonly decision?: Decision,
  ) {
    super(`Request ${key} was already applied`);
    this.name = 'DuplicateRequestError';
  }

  withDecision(decision: Decision): DuplicateRequestError {
    return Object.assign(new DuplicateRequestError(this.key, this.incomplete, decision), {
      stack: this.stack,
    });
  }
}

/** The idempotency key was used before for a different request (another body or path): refused, nothing changed. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
}

/**
 * Another attempt at the same request is part-way through a commit that may yet land or be
 * undone: neither applying it again nor answering `duplicate` would be true. Retry later (the
 * attempt is taken over once its lease, shorter than the platform's first retry, runs out).
 */
export class RequestInProgressError extends Error {
  readonly code = 'REQUEST_IN_PROGRESS';
  constructor(readonly key: string) {
    super(`Request ${key} is being applied by another attempt`);
    this.name = 'RequestInProgressError';
  }
}

export interface CommitOptions {
  policies: PolicyConfig;
  /** Written in the first transaction, so that a repeat of the request changes nothing. */
  idempotencyKey?: string;
  /**
   * The caller has work to finish after the commit (serving what it freed) and marks the request
   * complete with `completeRequest`; until then a repeat is told the request is incomplete.
   */
  completedLater?: boolean;
  /** A hash of the request the key was given with: the key is bound to it. */
  requestHash?: string;
}

export interface WaitingPage {
  orders: SaleOrder[];
  /** Present when more waiting orders follow. */
  cursor?: string;
}

/** The persistence port the use cases need; the DynamoDB adapter implements it. */
export interface BackorderRepository {
  loadPolicies(tenantId: string): Promise<PolicyConfig>;
  /**
   * The tenant's kits (DESIGN §14), read fresh unless `fresh: false`: then they may be a cached
   * copy up to a few seconds old, for a first attempt that a kit defined meanwhile makes fail (a
   * kit SKU has no stock level), so that its retry reads them fresh.
   */
  loadKits(tenantId: string, read?: { fresh: boolean }): Promise<KitBook>;
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
  /**
   * Orders that hold stock of a SKU and may give it back (Ready to Pick or Awaiting Stock), lowest
   * priority first, until they hold at least `units` of it (or there are no more), a page at a time.
   * With `counts`, only the orders it accepts count towards `units` (a `win` order's donors).
   */
  loadReclaimable(
    tenantId: string,
    target: StockTarget,
    units: number,
    counts?: (order: SaleOrder) => boolean,
  ): Promise<SaleOrder[]>;
  loadInbound(tenantId: string, targets: readonly StockTarget[]): Promise<InboundSupply[]>;
  /**
   * Records a change to expected supply (quantity, ETA) and keeps what was received. A change
   * older than the stored one (`updatedAt`) is refused with a StaleInboundChangeError carrying the
   * stored line; one without a version applies only to a line that has none (last write wins, as
   * before versions). With an idempotency key a repeat is refused.
   */
  saveInbound(supply: InboundSupply, options?: { idempotencyKey?: string }): Promise<void>;
  /**
   * Counts a receipt's lines against the inbound lines they name, once per receipt key. A line
   * naming an inbound line not expected for its warehouse and SKU is an UnknownInboundError, and
   * then nothing is counted.
   */
  receiveAgainstInbound(
    tenantId: string,
    receiptKey: string,
    lines: readonly InboundReceipt[],
  ): Promise<void>;
  /**
   * Whether a request with this idempotency key was already committed; with `requestHash`, one
   * committed for a different request is an IdempotencyKeyReusedError.
   */
  wasApplied(tenantId: string, key: string, requestHash?: string): Promise<boolean>;
  /** Marks a request committed with `completedLater` as complete: a repeat is now a duplicate. */
  completeRequest(tenantId: string, key: string): Promise<void>;
  commit(tenantId: string, decision: Decision, options: CommitOptions): Promise<void>;
}
