/**
 * X-Ray tracing inside a function, without the X-Ray SDK (which Powertools' Tracer bundles whole:
 * some 110 KB of each function's bundle). Lambda's active tracing, which the stack turns on,
 * records the function's own segments; this adds what happens inside them, as the Tracer did:
 * the handler's subsegment (`## index.handler`, annotated `ColdStart` and `Service`, with the
 * error it threw as its cause) and one subsegment per AWS SDK call (see client-tracing.ts), each
 * sent to the X-Ray daemon over UDP when it closes, as the SDK does in Lambda.
 *
 * It is on in Lambda (`AWS_EXECUTION_ENV`) unless `POWERTOOLS_TRACE_ENABLED` is `false`, as the
 * Tracer is, and records sampled invocations only.
 */
import type { MiddlewareObj } from '@middy/core';
import { openDaemonSocket, reportDaemonWarningsTo } from './daemon-emitter.js';
import { addCause } from './exception-cause.js';
import { beginInvocation, endInvocation } from './invocation.js';
import { closeSubsegment, openSubsegment } from './subsegment.js';
import { invocationTraceHeader } from './trace-header.js';

/** Whether this process traces at all: in Lambda, unless turned off (Powertools' rule). */
export const tracingEnabled = (): boolean => {
  const executionEnv = process.env.AWS_EXECUTION_ENV ?? '';
  return (
    executionEnv !== '' &&
    executionEnv !== 'AWS_Lambda_amplify-mock' &&
    !process.env.AWS_SAM_LOCAL &&
    process.env.POWERTOOLS_TRACE_ENABLED?.trim().toLowerCase() !== 'false'
  );
};

let coldStart = true;

/**
 * A middy middleware giving each sampled invocation its handler subsegment. `onWarning` hears of
 * subsegments the daemon could not be sent (logged, never thrown: tracing must not fail a call).
 */
export const handlerTracing = (options: {
  serviceName: string;
  onWarning?: (message: string, error: Error) => void;
}): MiddlewareObj => {
  if (options.onWarning) reportDaemonWarningsTo(options.onWarning);
  const finish = (error?: unknown) => {
    const invocation = endInvocation();
    if (!invocation) return;
    if (error !== undefined) {
      invocation.handler.fault = true;
      addCause(invocation.handler, error, false);
    }
    closeSubsegment(invocation.handler);
  };
  return {
    before: async () => {
      // As Powertools counts it: only an on-demand environment starts cold (not a provisioned one).
      const cold = coldStart && process.env.AWS_LAMBDA_INITIALIZATION_TYPE?.trim() === 'on-demand';
      coldStart = false;
      endInvocation();
      if (!tracingEnabled()) return;
      const trace = invocationTraceHeader();
      if (!trace?.sampled) return;
      await openDaemonSocket();
      const handler = openSubsegment(trace, trace.parent, `## ${process.env._HANDLER ?? 'handler'}`);
      handler.annotations = { ColdStart: cold, Service: options.serviceName };
      beginInvocation({ trace, handler });
    },
    after: () => finish(),
    onError: (request) => finish(request.error),
  };
};
