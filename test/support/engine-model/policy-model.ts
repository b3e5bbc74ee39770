import type { SaleOrder } from '../../../shared/domain/order.js';
import {
  type Policy,
  type PolicyConfig,
  type PolicyLayer,
  type PriorityRule,
  SERVICE_DEFAULTS,
} from '../../../shared/policy/policy.js';

/** DESIGN §3, written out independently: defaults, tenant, channel, SKU (first short SKU wins), order. */
export const modelPolicy = (
  config: PolicyConfig,
  channel: string,
  skus: readonly string[],
  override?: PolicyLayer,
): Policy => {
  const values: Record<string, unknown> = { ...SERVICE_DEFAULTS };
  const layer = (source: PolicyLayer | undefined, onlyUnset?: Set<string>) => {
    for (const [key, value] of Object.entries(source ?? {})) {
      if (value === undefined || onlyUnset?.has(key)) continue;
      values[key] = value;
      onlyUnset?.add(key);
    }
  };
  layer(config.tenant);
  layer(config.channels?.[channel]);
  const claimed = new Set<string>();
  for (const sku of skus) layer(config.skus?.[sku], claimed);
  layer(override);
  return values as unknown as Policy;
};

export const missing = (line: SaleOrder['lines'][number]): number =>
  line.sku === null ? 0 : Math.max(0, line.quantity - line.allocated);

/** The policy an order is served under: the SKUs it is short of, else all of its SKUs. */
export const policyOf = (config: PolicyConfig, order: SaleOrder): Policy => {
  const short = order.lines.filter((line) => missing(line) > 0).map((line) => line.sku as string);
  const all = order.lines.flatMap((line) => (line.sku === null ? [] : [line.sku]));
  return modelPolicy(config, order.channel, short.length > 0 ? short : all, order.policyOverride);
};

/** Waits holding part of what it needs (`holdAll` and `reserveWhileWaiting: false` hold nothing). */
export const holdsPartial = (policy: Policy): boolean =>
  policy.reserveWhileWaiting && policy.onShortage !== 'holdAll';

/** A queue is shared by every channel, so only the tenant and SKU layers choose its order. */
export const queueRule = (config: PolicyConfig, sku: string): PriorityRule =>
  config.skus?.[sku]?.priority ?? config.tenant?.priority ?? 'fifo';

/** Negative when `a` is served before `b`; times compare as instants, however they are spelled. */
export const servedBefore =
  (rule: PriorityRule) =>
  (a: SaleOrder, b: SaleOrder): number => {
    const first = (order: SaleOrder) =>
      rule === 'shipBy'
        ? order.shipBy
          ? Date.parse(order.shipBy)
          : Number.POSITIVE_INFINITY
        : rule === 'priorityThenFifo'
          ? -(order.priority ?? 0)
          : 0;
    return (
      first(a) - first(b) ||
      Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
      (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0)
    );
  };
