import type { Actor } from '../domain/actor.js';
import type { KitBook } from '../domain/kit.js';

export interface StoredKits {
  kits: KitBook;
  /** Incremented on every write; 0 before the first. */
  version: number;
}

/** The tenant's kits, written whole and only over the version they were read at (like its policies). */
export interface KitStore {
  readKits(tenantId: string): Promise<StoredKits>;
  /** False when another write landed since `expectedVersion` was read (nothing is written then). */
  writeKits(
    tenantId: string,
    kits: KitBook,
    expectedVersion: number,
    change: { by: Actor; at: string },
  ): Promise<boolean>;
}
