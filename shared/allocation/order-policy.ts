import { type SaleOrder, shortLines } from '../domain/order.js';
import type { Policy, PolicyConfig, ResolvedPolicy } from '../policy/policy.js';
import { resolvePolicy } from '../policy/resolve-policy.js';
import type { Workspace } from './workspace.js';

type PolicySubject = Pick<SaleOrder, 'channel' | 'lines' | 'policyOverride'>;

/**
 * The policy for one order: its channel, the SKUs it is short of (else all its SKUs), its override.
 *
 * @example
 * ```ts
 * resolveOrderPolicy({ tenant: { onShortage: 'split' } }, order).values.onShortage; // 'split'
 * ```
 */
export const resolveOrderPolicy = (
  policies: PolicyConfig,
  order: PolicySubject,
  shortSkus: readonly string[] = shortLines(order).map((line) => line.sku),
): ResolvedPolicy => {
  const skus = shortSkus.length > 0 ? shortSkus : order.lines.flatMap((line) => (line.sku ? [line.sku] : []));
  return resolvePolicy(policies, {
    channel: order.channel,
    skus,
    ...(order.policyOverride ? { override: order.policyOverride } : {}),
  });
};

export const policyForOrder = (
  ws: Workspace,
  order: PolicySubject,
  shortSkus?: readonly string[],
): ResolvedPolicy => resolveOrderPolicy(ws.context.policies, order, shortSkus);

/**
 * Whether a waiting order may hold part of what it needs. `holdAll` and `reserveWhileWaiting: false`
 * both keep stock free until the whole order can be allocated at once.
 */
export const holdsPartialStock = (policy: Policy): boolean =>
  policy.reserveWhileWaiting && policy.onShortage !== 'holdAll';
