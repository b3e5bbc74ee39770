import { kitDefinitionProblem } from '../allocation/kits.js';
import type { Actor } from '../domain/actor.js';
import { InvalidInputError, KitNotFoundError } from '../domain/errors.js';
import type { KitComponent } from '../domain/kit.js';
import { WriteConflictError } from '../ports/backorder-repository.js';
import type { KitStore } from '../ports/kit-store.js';
import type { Clock } from './ports.js';

/** Each lost race means another write landed, so n concurrent writers need at most n attempts. */
const ATTEMPTS = 10;

const jitter = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));

export interface KitView {
  sku: string;
  components: readonly KitComponent[];
}

/** One kit, or KitNotFoundError (404) when the SKU is not a kit. */
export const readKit = async (kits: KitStore, tenantId: string, sku: string): Promise<KitView> => {
  const { kits: book } = await kits.readKits(tenantId);
  const components = book[sku];
  if (!components) throw new KitNotFoundError(`SKU ${sku} is not a kit`, { sku });
  return { sku, components };
};

/**
 * Makes a SKU a kit of the given components, or replaces its components (DESIGN §14). Refused with
 * INVALID_INPUT, writing nothing, when the kit would contain itself (directly or through other
 * kits). Written over the version read, re-read when another write came first.
 */
export const defineKit = async (
  ports: { kits: KitStore; clock: Clock },
  tenantId: string,
  change: { sku: string; components: readonly KitComponent[]; by: Actor },
): Promise<KitView> => {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const current = await ports.kits.readKits(tenantId);
    const problem = kitDefinitionProblem(current.kits, change.sku, change.components);
    if (problem) throw new InvalidInputError(problem, { sku: change.sku });
    const kits = { ...current.kits, [change.sku]: change.components };
    if (await ports.kits.writeKits(tenantId, kits, current.version, { by: change.by, at: ports.clock() }))
      return { sku: change.sku, components: change.components };
    await jitter(attempt);
  }
  throw new WriteConflictError('The kits kept changing; retry the request', { stock: [], orders: [] }, false);
};
