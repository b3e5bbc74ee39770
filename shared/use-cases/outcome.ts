import type { Decision } from '../allocation/decision.js';

/**
 * What a request or event that may change state did: the decisions it committed (their events are
 * published by then, or left in the outbox for the sweep), or nothing, as the repeat of one that
 * was applied before (`key`, its idempotency key, when it had one).
 */
export type Outcome = { kind: 'applied'; decisions: Decision[] } | { kind: 'duplicate'; key?: string };

/**
 * A channel's change to an order may also leave the order as it was (`unchanged`), or be kept for
 * an order not received yet (`kept`), which intake applies.
 */
export type ChangeOutcome = Outcome | { kind: 'unchanged' | 'kept' };
