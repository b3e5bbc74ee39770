/**
 * The service's adapters, wired as a deployed function wires them, on a repository harness's
 * tables, so that a test drives the real handlers and use cases against this file's own table.
 */
import { type Wiring, type WiringParts, wireAdapters } from '../../shared/runtime/adapters.js';
import type { RepositoryHarness } from './repository-harness.js';

/** What a test chooses of the wiring: its tables come from the harness. */
export type HarnessWiringParts = Omit<WiringParts, 'documents' | 'tableName'>;

export const wireHarness = (harness: RepositoryHarness, parts: HarnessWiringParts): Wiring =>
  wireAdapters({ documents: harness.tables.client, tableName: harness.tables.tableName, ...parts });
