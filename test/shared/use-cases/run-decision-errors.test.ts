import { decideIntake } from '../../../shared/allocation/intake.js';
import { DuplicateRequestError, WriteConflictError } from '../../../shared/ports/backorder-repository.js';
import type { AllocationPorts } from '../../../shared/use-cases/ports.js';
import { runDecision } from '../../../shared/use-cases/run-decision.js';
import { type ConflictInjector, injectTransactionConflicts } from '../../support/conflict-injector.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';

/**
 * A run that fails after deciding reports the decision with its error, so that a caller finishing
 * a partly landed request (actOnOrder) needs no variable set inside `decide`.
 */
const NOW = '2026-11-28T10:00:00.000Z';
const ACTOR = { kind: 'person', id: 'ops' } as const;

let harness: RepositoryHarness;
let injector: ConflictInjector;
let ports: AllocationPorts;
beforeAll(async () => {
  harness = await createRepositoryHarness('run-decision-errors', () => NOW);
  injector = injectTransactionConflicts(harness.tables.dynamodb, { rate: 0, seed: 1 });
  ports = {
    ...harness.ports,
    sleep: async () => undefined,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  };
}, 60_000);
afterAll(() => harness.drop());

/** A run taking in one order from an empty state (its SKU has no stock), with an idempotency key. */
const intake = (tenantId: string, orderId: string, idempotencyKey: string) =>
  runDecision(ports, {
    tenantId,
    eventId: `evt-${orderId}`,
    actor: ACTOR,
    idempotencyKey,
    load: async () => ({ stock: [], orders: [], inbound: [] }),
    decide: (context, snapshot) => decideIntake(context, snapshot, incoming(orderId, [['A', 1]])),
  });

const rejection = async (work: Promise<unknown>): Promise<unknown> =>
  work.then(
    () => {
      throw new Error('expected the run to fail');
    },
    (error: unknown) => error,
  );

it('throws the conflict that ends its retries with the decision it was committing', async () => {
  injector.failCall(1);

  const error = await rejection(intake('t-conflict', 'o-1', 'key-1'));

  expect(error).toBeInstanceOf(WriteConflictError);
  expect((error as WriteConflictError).decision?.orders.map(({ after }) => after.orderId)).toEqual(['o-1']);
});

it('throws a duplicate request with the decision it made again for it', async () => {
  await intake('t-duplicate', 'o-1', 'key-1');

  const error = await rejection(intake('t-duplicate', 'o-2', 'key-1'));

  expect(error).toBeInstanceOf(DuplicateRequestError);
  expect((error as DuplicateRequestError).decision?.orders.map(({ after }) => after.orderId)).toEqual([
    'o-2',
  ]);
});
