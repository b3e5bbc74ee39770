/**
 * One subsegment per AWS SDK call, under the handler's (see handler-tracing.ts): namespace `aws`,
 * so the service map shows DynamoDB, EventBridge and SNS. The calls carry their subsegment in
 * `X-Amzn-Trace-Id`, so what they start downstream (an event on the bus) joins the same trace.
 */
import { addCause } from './exception-cause.js';
import { currentInvocation } from './invocation.js';
import { closeSubsegment, openSubsegment, type Subsegment } from './subsegment.js';
import { downstreamTraceHeader } from './trace-header.js';

type Metadata = { httpStatusCode?: number; requestId?: string; attempts?: number };
type SdkArgs = { input?: Record<string, unknown>; request?: unknown };
type SdkNext = (args: SdkArgs) => Promise<{ output?: { $metadata?: Metadata } }>;
type SdkContext = { clientName?: string; commandName?: string };

/** An AWS SDK v3 client: tracing adds a middleware to its stack. */
export interface TraceableClient {
  middlewareStack: object;
}

/** The middleware stack's `add`, as far as tracing uses it (the SDK's own type has overloads per step). */
interface BuildStack {
  add(
    middleware: (next: SdkNext, context: SdkContext) => (args: SdkArgs) => Promise<unknown>,
    options: { step: 'build'; name: string; override: boolean },
  ): void;
}

/** The `aws` and `http` fields of a call's subsegment, and its flags, from the SDK's metadata. */
const recordCall = (
  subsegment: Subsegment,
  operation: string,
  input: Record<string, unknown>,
  metadata?: Metadata,
) => {
  const aws: Record<string, string | number> = {
    operation,
    retries: Math.max(0, (metadata?.attempts ?? 1) - 1),
  };
  if (process.env.AWS_REGION) aws.region = process.env.AWS_REGION;
  if (metadata?.requestId) aws.request_id = metadata.requestId;
  if (typeof input.TableName === 'string') aws.table_name = input.TableName;
  if (typeof input.TopicArn === 'string') aws.topic_arn = input.TopicArn;
  subsegment.aws = aws;
  const status = metadata?.httpStatusCode;
  if (status === undefined) return;
  subsegment.http = { response: { status } };
  if (status === 429) subsegment.throttle = true;
  if (status >= 400 && status < 500) subsegment.error = true;
  if (status >= 500) subsegment.fault = true;
};

/**
 * Traces every call the client makes: a subsegment named after the service (`DynamoDB`, `SNS`…)
 * under the handler's, when the invocation is traced. Returns the client.
 */
export const traceClient = <Client extends TraceableClient>(client: Client): Client => {
  (client.middlewareStack as BuildStack).add(
    (next, context) => async (args) => {
      const invocation = currentInvocation();
      if (!invocation) return next(args);
      const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const subsegment = openSubsegment(invocation.trace, invocation.handler.id, service);
      subsegment.namespace = 'aws';
      const headers = (args.request as { headers?: Record<string, string> } | undefined)?.headers;
      if (headers) headers['X-Amzn-Trace-Id'] = downstreamTraceHeader(invocation.trace, subsegment.id);
      try {
        const result = await next(args);
        recordCall(subsegment, operation, args.input ?? {}, result.output?.$metadata);
        return result;
      } catch (error) {
        recordCall(subsegment, operation, args.input ?? {}, (error as { $metadata?: Metadata }).$metadata);
        // A refusal (4xx, e.g. a failed condition) is an error; anything else a fault.
        if (!subsegment.error) subsegment.fault = true;
        addCause(subsegment, error, true);
        throw error;
      } finally {
        closeSubsegment(subsegment);
      }
    },
    { step: 'build', name: 'xrayTracing', override: true },
  );
  return client;
};
