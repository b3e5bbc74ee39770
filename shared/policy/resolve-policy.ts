import {
  type Policy,
  type PolicyConfig,
  type PolicyLayer,
  type PolicySetting,
  type PolicySource,
  type ResolvedPolicy,
  SERVICE_DEFAULTS,
} from './policy.js';

export interface PolicyScope {
  channel?: string;
  /** SKUs the decision concerns, in line order: the first one that sets a value wins. */
  skus?: readonly string[];
  override?: PolicyLayer;
}

/**
 * Resolves settings in layers: service defaults, tenant, channel, SKU, then the order's override.
 *
 * @example
 * ```ts
 * const { values, sources } = resolvePolicy(
 *   { tenant: { onShortage: 'split' }, channels: { shopify: { splitSupported: false } } },
 *   { channel: 'shopify', skus: ['MUG-1'] },
 * );
 * values.onShortage; // 'split'
 * sources.splitSupported; // 'channel:shopify'
 * ```
 */
export const resolvePolicy = (config: PolicyConfig, scope: PolicyScope = {}): ResolvedPolicy => {
  const values: Policy = { ...SERVICE_DEFAULTS };
  const sources = Object.fromEntries(Object.keys(SERVICE_DEFAULTS).map((key) => [key, 'default'])) as Record<
    PolicySetting,
    PolicySource
  >;

  const apply = (layer: PolicyLayer | undefined, source: PolicySource) => {
    if (!layer) return;
    for (const [key, value] of Object.entries(layer) as Array<[PolicySetting, Policy[PolicySetting]]>) {
      if (value === undefined) continue;
      (values as unknown as Record<PolicySetting, unknown>)[key] = value;
      sources[key] = source;
    }
  };

  apply(config.tenant, 'tenant');
  if (scope.channel) apply(config.channels?.[scope.channel], `channel:${scope.channel}`);
  applySkuLayers(config, scope.skus ?? [], values, sources);
  apply(scope.override, 'order');
  return { values, sources };
};

const applySkuLayers = (
  config: PolicyConfig,
  skus: readonly string[],
  values: Policy,
  sources: Record<PolicySetting, PolicySource>,
) => {
  const claimed = new Set<PolicySetting>();
  for (const sku of skus) {
    const layer = config.skus?.[sku];
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer) as Array<[PolicySetting, unknown]>) {
      if (value === undefined || claimed.has(key)) continue;
      claimed.add(key);
      (values as unknown as Record<PolicySetting, unknown>)[key] = value;
      sources[key] = `sku:${sku}`;
    }
  }
};

/**
 * The order in which one SKU's waiting orders are served. A queue is shared by every channel and
 * order, so only the service default, tenant and SKU layers can set it.
 *
 * @example
 * ```ts
 * queuePriority({ skus: { 'MUG-1': { priority: 'shipBy' } } }, 'MUG-1'); // 'shipBy'
 * ```
 */
export const queuePriority = (config: PolicyConfig, sku: string): Policy['priority'] =>
  resolvePolicy({ tenant: config.tenant, skus: config.skus }, { skus: [sku] }).values.priority;
