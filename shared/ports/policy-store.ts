import type { Actor } from '../domain/actor.js';
import type { PolicyConfig } from '../policy/policy.js';

export interface StoredPolicies {
  config: PolicyConfig;
  /** Incremented on every write; 0 before the first. */
  version: number;
}

/** The tenant's policy layers, written whole and only over the version they were read at. */
export interface PolicyStore {
  readPolicies(tenantId: string): Promise<StoredPolicies>;
  /** False when another write landed since `expectedVersion` was read (nothing is written then). */
  writePolicies(
    tenantId: string,
    config: PolicyConfig,
    expectedVersion: number,
    change: { by: Actor; at: string },
  ): Promise<boolean>;
}
