/**
 * A repository on its own tables with a fault injector on its client and a clock the test moves
 * (`clock.nowMs += …`): leases run out and reservations fall due without waiting.
 *
 *   const { harness, faults, ports, clock } = await createFaultyRepository('idempotency-rollback');
 */
import { DynamoDbBackorderRepository } from '../../shared/adapters/dynamodb/dynamodb-backorder-repository.js';
import type { AllocationPorts } from '../../shared/use-cases/ports.js';
import { type FaultInjector, injectFaults } from './fault-injector.js';
import { createRepositoryHarness, type RepositoryHarness } from './repository-harness.js';

export interface FaultyRepository {
  harness: RepositoryHarness;
  faults: FaultInjector;
  /** The use cases' ports on the repository below, on `clock`. */
  ports: AllocationPorts;
  clock: { nowMs: number };
}

export const createFaultyRepository = async (
  label: string,
  startMs = Date.parse('2026-12-01T10:00:00.000Z'),
): Promise<FaultyRepository> => {
  const harness = await createRepositoryHarness(label);
  const faults = injectFaults(harness.tables.dynamodb);
  const clock = { nowMs: startMs };
  const repository = new DynamoDbBackorderRepository({
    client: harness.tables.client,
    tableName: harness.tables.tableName,
    policyCacheMs: 0,
    now: () => clock.nowMs,
  });
  const ports: AllocationPorts = {
    repository,
    clock: () => new Date(clock.nowMs).toISOString(),
    sleep: async () => undefined,
  };
  return { harness, faults, ports, clock };
};
