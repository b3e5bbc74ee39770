export const ON_SHORTAGE = ['reject', 'dropShort', 'holdAll', 'holdPartial', 'split'] as const;
export type OnShortage = (typeof ON_SHORTAGE)[number];

export const PRIORITY_RULES = ['fifo', 'shipBy', 'priorityThenFifo'] as const;
export type PriorityRule = (typeof PRIORITY_RULES)[number];

/** How an order's allocation behaves against other orders' (DESIGN §14, after SAP's backorder processing). */
export const STRATEGIES = ['win', 'gain', 'redistribute', 'fill', 'lose'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** How scarce arriving stock is divided among a SKU's waiting orders. */
export const ALLOCATION_MODES = ['queue', 'fairShare'] as const;
export type AllocationMode = (typeof ALLOCATION_MODES)[number];

/** The least a split must ship, so that a split never sends out a token quantity. */
export type MinimumFill = { kind: 'percent'; value: number } | { kind: 'units'; value: number };

export interface Policy {
  onShortage: OnShortage;
  splitDelayDays: number;
  autoAllocate: boolean;
  reserveWhileWaiting: boolean;
  priority: PriorityRule;
  splitSupported: boolean;
  minimumFill: MinimumFill | null;
  autoCancelAfterDays: number | null;
  /** A waiting order past this many days (a backorder's counted from its split) emits `Backorder Overdue` once. */
  escalateAfterDays: number | null;
  strategy: Strategy;
  allocationMode: AllocationMode;
  /** A backorder that becomes Ready to Pick merges back into its parent not yet in fulfilment (DESIGN §14). */
  mergeSiblings: boolean;
  /** The most shipments one order may be split into; a split beyond it holds the rest instead. */
  maxShipments: number | null;
}

export type PolicySetting = keyof Policy;

/** One layer of settings; anything it leaves out comes from the layer below. */
export type PolicyLayer = Partial<Policy>;

/** The tenant's configured layers (service defaults sit beneath them). */
export interface PolicyConfig {
  tenant?: PolicyLayer;
  channels?: Record<string, PolicyLayer>;
  skus?: Record<string, PolicyLayer>;
}

export const SERVICE_DEFAULTS: Readonly<Policy> = Object.freeze({
  onShortage: 'holdPartial',
  splitDelayDays: 0,
  autoAllocate: true,
  reserveWhileWaiting: true,
  priority: 'fifo',
  splitSupported: true,
  minimumFill: null,
  autoCancelAfterDays: null,
  escalateAfterDays: null,
  strategy: 'redistribute',
  allocationMode: 'queue',
  mergeSiblings: true,
  maxShipments: null,
});

export type PolicySource = 'default' | 'tenant' | `channel:${string}` | `sku:${string}` | 'order';

export interface ResolvedPolicy {
  values: Policy;
  /** Where each value came from, recorded in the order's history. */
  sources: Record<PolicySetting, PolicySource>;
}
