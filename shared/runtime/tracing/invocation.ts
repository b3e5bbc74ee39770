/**
 * The traced invocation in progress. A Lambda execution environment runs one invocation at a
 * time, so its handler subsegment is kept here from the middleware's `before` hook to its `after`
 * (or `onError`) hook, and the SDK calls in between are its children.
 */
import type { Subsegment } from './subsegment.js';
import type { TraceHeader } from './trace-header.js';

export interface Invocation {
  trace: TraceHeader;
  handler: Subsegment;
}

let current: Invocation | undefined;

export const currentInvocation = (): Invocation | undefined => current;

export const beginInvocation = (invocation: Invocation): void => {
  current = invocation;
};

/** The invocation in progress, which from now on is over. */
export const endInvocation = (): Invocation | undefined => {
  const invocation = current;
  current = undefined;
  return invocation;
};
