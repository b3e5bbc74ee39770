import type { Decision, StateSnapshot } from '../../../shared/allocation/decision.js';
import type { ChannelChange } from '../../../shared/domain/channel-change.js';
import type { HistoryEntry } from '../../../shared/domain/history.js';
import type { InboundSupply } from '../../../shared/domain/inbound.js';
import type { KitBook } from '../../../shared/domain/kit.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import { type StockLevel, stockKey } from '../../../shared/domain/stock.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';

export const TENANTS = ['t1', 't2'] as const;
export const WAREHOUSES = ['w1', 'w2'] as const;
export const SKUS = ['A', 'B', 'C'] as const;
export const CHANNELS = ['shopify', 'woo', 'pos'] as const;
export const START = Date.parse('2026-11-28T10:00:00.000Z');
export const HOUR = 3_600_000;

/** One tenant's committed state, as the repository holds it. Everything in it is frozen. */
export interface TenantState {
  stock: ReadonlyMap<string, StockLevel>;
  orders: ReadonlyMap<string, SaleOrder>;
  inbound: readonly InboundSupply[];
  /** The channel's newest change per order, kept as the webhook keeps it (before or after intake). */
  channelChanges: ReadonlyMap<string, ChannelChange>;
}

/** The system under test: the engine's decisions applied to a separate store per tenant. */
export interface Real {
  tenants: Map<string, TenantState>;
}

/** What the test remembers beside the store: the clock, the configuration and what must hold. */
export interface Model {
  now: number;
  nextEvent: number;
  policies: Map<string, PolicyConfig>;
  /** Per tenant: the kit book intake expands kit lines with (DESIGN §14); empty for most runs. */
  kits: Map<string, KitBook>;
  /** Per tenant: family root order id → line id → units originally ordered. */
  originals: Map<string, Map<string, Map<string, number>>>;
  /** Per tenant: the append-only history log, keyed `orderId#version`. */
  history: Map<string, Map<string, HistoryEntry>>;
  /** The policies, then every step as it ran (placeholders resolved), for the failure message. */
  trail: string[];
}

export const newReal = (): Real => ({
  tenants: new Map(
    TENANTS.map((tenant) => [
      tenant,
      { stock: new Map(), orders: new Map(), inbound: [], channelChanges: new Map() },
    ]),
  ),
});

export const newModel = (
  policies: Record<string, PolicyConfig>,
  kits: Record<string, KitBook> = {},
): Model => ({
  now: START,
  nextEvent: 1,
  policies: new Map(TENANTS.map((tenant) => [tenant, policies[tenant] ?? {}])),
  kits: new Map(TENANTS.map((tenant) => [tenant, deepFreeze(kits[tenant] ?? {})])),
  originals: new Map(TENANTS.map((tenant) => [tenant, new Map()])),
  history: new Map(TENANTS.map((tenant) => [tenant, new Map()])),
  trail: [
    `policies: ${JSON.stringify(policies)}`,
    ...(Object.keys(kits).length ? [`kits: ${JSON.stringify(kits)}`] : []),
  ],
});

export const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

export const snapshotOf = (state: TenantState): StateSnapshot => ({
  stock: [...state.stock.values()],
  orders: [...state.orders.values()],
  inbound: state.inbound,
  channelChanges: [...state.channelChanges.values()],
});

/** Commits a decision the way the repository would: every `after` replaces what was stored. */
export const applyDecision = (state: TenantState, decision: Decision): TenantState => {
  const stock = new Map(state.stock);
  const orders = new Map(state.orders);
  for (const { after } of decision.stock)
    stock.set(stockKey(after.warehouseId, after.sku), deepFreeze(structuredClone(after)));
  for (const { after } of decision.orders) orders.set(after.orderId, deepFreeze(structuredClone(after)));
  return { stock, orders, inbound: state.inbound, channelChanges: state.channelChanges };
};

export const levelOf = (state: TenantState, warehouseId: string, sku: string) =>
  state.stock.get(stockKey(warehouseId, sku)) ?? { onHand: 0, allocated: 0 };

/** How channels and adapters may spell a time: ISO 8601 with or without milliseconds, in UTC or not. */
export type TimeFormat = 'millisZ' | 'secondsZ' | 'plus2' | 'minus5';

export const formatTime = (ms: number, format: TimeFormat): string => {
  if (format === 'millisZ') return new Date(ms).toISOString();
  const seconds = Math.floor(ms / 1000) * 1000;
  if (format === 'secondsZ') return new Date(seconds).toISOString().replace('.000Z', 'Z');
  const hours = format === 'plus2' ? 2 : -5;
  const local = new Date(seconds + hours * HOUR).toISOString().replace('.000Z', '');
  return `${local}${hours > 0 ? '+' : '-'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
};
