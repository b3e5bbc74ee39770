import type { Decision } from '../allocation/decision.js';
import type { BackorderRepository } from '../ports/backorder-repository.js';

/** Gives the current time as ISO 8601; the engine itself never reads the clock. */
export type Clock = () => string;

export const systemClock: Clock = () => new Date().toISOString();

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 5, maxDelayMs: 400 };

/**
 * Where the events of committed decisions go (publish-events.ts). It never fails: what it could not
 * publish stays in the outbox, and the sweep publishes it; the change is committed either way.
 */
export interface CommitPublishing {
  /** Publishes the decisions' events; answers how many went. */
  publish: (decisions: readonly Decision[]) => Promise<number>;
}

/** What every allocation use case is given; each handler wires the real adapters once. */
export interface AllocationPorts {
  repository: BackorderRepository;
  clock: Clock;
  retry?: RetryPolicy;
  /** Injected so tests can run without waiting. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Without it (tests of the decisions alone), events stay in the outbox. */
  publishing?: CommitPublishing;
}

/**
 * Runs one piece of a larger job (an order of the sweep's): when it fails, the job counts the
 * failure and goes on, and the piece answers undefined.
 */
export type Attempt = <T>(work: () => Promise<T>) => Promise<T | undefined>;
