import {
  type Decision,
  type DecisionContext,
  isEmptyDecision,
  type StateSnapshot,
} from '../allocation/decision.js';
import type { Actor } from '../domain/actor.js';
import type { KitBook } from '../domain/kit.js';
import type { PolicyConfig } from '../policy/policy.js';
import { DuplicateRequestError, WriteConflictError } from '../ports/backorder-repository.js';
import { mergeAfterDecision, mergeCandidates } from './merge-after-decision.js';
import { type AllocationPorts, DEFAULT_RETRY } from './ports.js';

export interface DecisionRun<Snapshot extends StateSnapshot = StateSnapshot> {
  tenantId: string;
  eventId: string;
  actor: Actor;
  /**
   * Reads what the decision needs; `conflict` is the previous attempt's failure and `previous` what
   * that attempt read, if any (what a retry keeps rather than read again).
   */
  load: (policies: PolicyConfig, conflict?: WriteConflictError, previous?: Snapshot) => Promise<Snapshot>;
  decide: (context: DecisionContext, snapshot: Snapshot) => Decision;
  idempotencyKey?: string;
  /** The tenant's kits, for a decision that takes in orders (DESIGN §14). */
  kits?: KitBook;
  /** The caller completes the request after its follow-up work (CommitOptions.completedLater). */
  completedLater?: boolean;
  /** The hash of the request the idempotency key is given with. */
  requestHash?: string;
  /** A decision that changes nothing is returned without a write. */
  skipEmpty?: boolean;
}

/** What was committed, and what it was decided from (the attempt that committed). */
export interface DecisionRunResult<Snapshot extends StateSnapshot = StateSnapshot> {
  decision: Decision;
  snapshot: Snapshot;
}

/**
 * A run whose `decide` also reports what it made of each input (`detail`: which it took, which it
 * refused), returned with the decision of the attempt that committed. `previous` is the detail of
 * the attempt before, for what an attempt keeps from the ones before it.
 */
export interface DetailedDecisionRun<Snapshot extends StateSnapshot, Detail>
  extends Omit<DecisionRun<Snapshot>, 'decide'> {
  decide: (
    context: DecisionContext,
    snapshot: Snapshot,
    previous?: Detail,
  ) => { decision: Decision; detail: Detail };
}

export interface DetailedDecisionRunResult<Snapshot extends StateSnapshot, Detail>
  extends DecisionRunResult<Snapshot> {
  detail: Detail;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Load, decide, commit; when a condition fails or a transaction is cancelled, re-read, re-decide
 * and retry after a jittered, bounded backoff ("full jitter"). Domain errors are not retried.
 */
export const runDecision = async <Snapshot extends StateSnapshot = StateSnapshot>(
  ports: AllocationPorts,
  run: DecisionRun<Snapshot>,
): Promise<DecisionRunResult<Snapshot>> => {
  const { decision, snapshot } = await runDetailedDecision(ports, {
    ...run,
    decide: (context, snapshot) => ({ decision: run.decide(context, snapshot), detail: undefined }),
  });
  return { decision, snapshot };
};

/** A write conflict or duplicate request carries the decision its run failed with (act-on-order finishes it). */
const withDecision = (error: unknown, decision: Decision): unknown =>
  error instanceof WriteConflictError || error instanceof DuplicateRequestError
    ? error.withDecision(decision)
    : error;

/** runDecision, with what `decide` reports of the attempt that committed. */
export const runDetailedDecision = async <Snapshot extends StateSnapshot, Detail>(
  ports: AllocationPorts,
  run: DetailedDecisionRun<Snapshot, Detail>,
): Promise<DetailedDecisionRunResult<Snapshot, Detail>> => {
  const retry = ports.retry ?? DEFAULT_RETRY;
  const sleep = ports.sleep ?? defaultSleep;
  const random = ports.random ?? Math.random;
  const policies = await ports.repository.loadPolicies(run.tenantId);
  let conflict: WriteConflictError | undefined;
  let previous: { snapshot: Snapshot; detail: Detail } | undefined;
  for (let attempt = 1; ; attempt++) {
    const snapshot = await run.load(policies, conflict, previous?.snapshot);
    const context: DecisionContext = {
      tenantId: run.tenantId,
      now: ports.clock(),
      eventId: run.eventId,
      actor: run.actor,
      policies,
      ...(run.kits ? { kits: run.kits } : {}),
    };
    const { decision, detail } = run.decide(context, snapshot, previous?.detail);
    if (run.skipEmpty && isEmptyDecision(decision)) return { decision, snapshot, detail };
    try {
      await ports.repository.commit(run.tenantId, decision, {
        policies,
        ...(run.idempotencyKey ? { idempotencyKey: run.idempotencyKey } : {}),
        ...(run.completedLater ? { completedLater: true } : {}),
        ...(run.requestHash ? { requestHash: run.requestHash } : {}),
      });
      // Published where committed; what does not go waits in the outbox for the sweep.
      await ports.publishing?.publish([decision]);
      await mergeAfterDecision(
        ports,
        run.tenantId,
        run.eventId,
        mergeCandidates(snapshot, decision),
        runDecision,
      );
      return { decision, snapshot, detail };
    } catch (error) {
      // Part of an oversized decision landed: re-deciding the trigger would apply it twice.
      if (!(error instanceof WriteConflictError) || error.committed || attempt >= retry.attempts)
        throw withDecision(error, decision);
      conflict = error;
      previous = { snapshot, detail };
      const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
      await sleep(random() * ceiling);
    }
  }
};
