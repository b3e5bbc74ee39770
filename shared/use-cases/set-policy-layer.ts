import type { Actor } from '../domain/actor.js';
import { parseInput, policyConfigSchema } from '../domain/inputs.js';
import type { PolicyConfig, PolicyLayer } from '../policy/policy.js';
import { WriteConflictError } from '../ports/backorder-repository.js';
import type { PolicyStore, StoredPolicies } from '../ports/policy-store.js';
import type { Clock } from './ports.js';

export type PolicyScope =
  | { level: 'tenant' }
  | { level: 'channel'; channel: string }
  | { level: 'sku'; sku: string };

/** Each lost race means another write landed, so n concurrent writers need at most n attempts. */
const ATTEMPTS = 10;

const jitter = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));

const withLayer = (config: PolicyConfig, scope: PolicyScope, layer: PolicyLayer): PolicyConfig => {
  // An empty layer sets nothing, so it is dropped rather than kept as noise.
  const empty = Object.keys(layer).length === 0;
  if (scope.level === 'tenant') {
    const { tenant: _old, ...rest } = config;
    return empty ? rest : { ...rest, tenant: layer };
  }
  const field = scope.level === 'channel' ? 'channels' : 'skus';
  const key = scope.level === 'channel' ? scope.channel : scope.sku;
  const { [key]: _old, ...others } = config[field] ?? {};
  const layers = empty ? others : { ...others, [key]: layer };
  const { [field]: _layers, ...rest } = config;
  return Object.keys(layers).length > 0 ? { ...rest, [field]: layers } : rest;
};

/**
 * Replaces one policy layer (tenant, a channel or a SKU). The whole configuration is written over
 * the version it was read at, and re-read and re-applied when another write came first, so two
 * concurrent PUTs of different layers both land.
 */
export const setPolicyLayer = async (
  ports: { policies: PolicyStore; clock: Clock },
  tenantId: string,
  change: { scope: PolicyScope; layer: PolicyLayer; by: Actor },
): Promise<StoredPolicies> => {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const current = await ports.policies.readPolicies(tenantId);
    const config = parseInput(
      policyConfigSchema,
      withLayer(current.config, change.scope, change.layer),
      'policies',
    ) as PolicyConfig;
    const written = await ports.policies.writePolicies(tenantId, config, current.version, {
      by: change.by,
      at: ports.clock(),
    });
    if (written) return { config, version: current.version + 1 };
    await jitter(attempt);
  }
  throw new WriteConflictError(
    'The policies kept changing; retry the request',
    { stock: [], orders: [] },
    false,
  );
};
