/**
 * X-Ray tracing inside a function, without the X-Ray SDK (which Powertools' Tracer bundles whole:
 * some 110 KB of each function's bundle). Lambda's active tracing, which the stack turns on,
 * records the function's own segments; this adds what happens inside them, as the Tracer did:
 * the handler's subsegment (`## index.handler`, annotated `ColdStart` and `Service`, with the
 * error it threw as its cause) and one subsegment per AWS SDK call (namespace `aws`, so the
 * service map shows DynamoDB, EventBridge and SNS), each sent to the X-Ray daemon over UDP when it
 * closes, as the SDK does in Lambda. The calls carry their subsegment in `X-Amzn-Trace-Id`, so
 * what they start downstream (an event on the bus) joins the same trace.
 *
 * It is on in Lambda (`AWS_EXECUTION_ENV`) unless `POWERTOOLS_TRACE_ENABLED` is `false`, as the
 * Tracer is, and records sampled invocations only. A Lambda execution environment runs one
 * invocation at a time, so the handler's subsegment is kept here from its `before` hook to its
 * `after` (or `onError`) hook, and the SDK calls in between are its children.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:dgram';
import type { MiddlewareObj } from '@middy/core';

interface TraceHeader {
  root: string;
  parent: string;
  sampled: boolean;
  /** Lineage and any other fields Lambda passed, handed on as they came. */
  extra: string[];
}

interface CapturedException {
  id: string;
  message: string;
  type: string;
  remote: boolean;
  stack: Array<{ label: string; path: string; line: number }>;
}

/** A subsegment document as the X-Ray daemon takes it. */
export interface Subsegment {
  type: 'subsegment';
  id: string;
  trace_id: string;
  parent_id: string;
  name: string;
  start_time: number;
  end_time?: number;
  namespace?: 'aws';
  annotations?: Record<string, string | number | boolean>;
  aws?: Record<string, string | number>;
  http?: { response: { status: number } };
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  cause?: { working_directory: string; exceptions: CapturedException[] };
}

const PROTOCOL_HEADER = '{"format":"json","version":1}\n';
const DEFAULT_DAEMON = { address: '127.0.0.1', port: 2000 };
const MAX_STACK_FRAMES = 50;

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

/** `Root=1-…;Parent=…;Sampled=1;Lineage=…` of the current invocation, if Lambda gave one. */
const traceHeader = (): TraceHeader | undefined => {
  const store = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId(): string | undefined } } })
    .awslambda?.InvokeStore;
  const value = store?.getXRayTraceId() ?? process.env._X_AMZN_TRACE_ID;
  if (!value) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const root = fields.get('Root');
  const parent = fields.get('Parent');
  if (!root || !parent) return undefined;
  const extra = [...fields]
    .filter(([key]) => !['Root', 'Parent', 'Sampled'].includes(key))
    .map(([key, field]) => `${key}=${field}`);
  return { root, parent, sampled: fields.get('Sampled') === '1', extra };
};

/** `AWS_XRAY_DAEMON_ADDRESS`: `host:port`, or `udp:host:port tcp:host:port`. */
export const daemonAddress = (
  value = process.env.AWS_XRAY_DAEMON_ADDRESS,
): { address: string; port: number } => {
  const parts = (value ?? '').trim().split(/\s+/);
  const udp =
    parts.find((part) => part.startsWith('udp:'))?.slice(4) ?? parts.find((part) => !part.includes('tcp:'));
  const at = udp?.lastIndexOf(':') ?? -1;
  const port = Number(udp?.slice(at + 1));
  if (!udp || at <= 0 || !Number.isInteger(port) || port <= 0) return DEFAULT_DAEMON;
  return { address: udp.slice(0, at), port };
};

let socket: Socket | undefined;
let warn: (message: string, error: Error) => void = () => undefined;

/** The daemon's socket, opened by the first traced invocation (not when the function loads). */
const openSocket = async () => {
  if (socket) return;
  const { createSocket } = await import('node:dgram');
  if (socket) return;
  socket = createSocket('udp4').unref();
  socket.on('error', (error) => warn('X-Ray daemon socket failed', error));
};

const send = (subsegment: Subsegment) => {
  if (!socket) return;
  const { address, port } = daemonAddress();
  const message = Buffer.from(PROTOCOL_HEADER + JSON.stringify(subsegment));
  socket.send(message, port, address, (error) => {
    if (error) warn(`Subsegment ${subsegment.name} could not be sent to the X-Ray daemon`, error);
  });
};

const newId = () => randomBytes(8).toString('hex');
const now = () => Date.now() / 1000;

const open = (trace: TraceHeader, parentId: string, name: string): Subsegment => ({
  type: 'subsegment',
  id: newId(),
  trace_id: trace.root,
  parent_id: parentId,
  name,
  start_time: now(),
});

/** V8's `at label (path:line:column)` and `at [async ]path:line:column` lines, as X-Ray's frames. */
const stackFrames = (stack: string | undefined): CapturedException['stack'] =>
  (stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_STACK_FRAMES)
    .map((line) => {
      const frame = line.slice(3);
      const named = /^(.*) \((.*)\)$/.exec(frame);
      const unnamed = named ? undefined : /^(async )?(.*)$/.exec(frame);
      const label = named?.[1] ?? (unnamed?.[1] ? 'async' : 'anonymous');
      const location = named?.[2] ?? unnamed?.[2] ?? frame;
      const at = /^(.*?):(\d+)(?::\d+)?$/.exec(location);
      return { label, path: at?.[1] ?? location, line: Number(at?.[2] ?? 0) };
    });

const addCause = (subsegment: Subsegment, error: unknown, remote: boolean) => {
  const { message, name, stack } =
    error instanceof Error ? error : { message: String(error), name: 'Error', stack: undefined };
  subsegment.cause = {
    working_directory: process.cwd(),
    exceptions: [{ id: newId(), message, type: name, remote, stack: stackFrames(stack) }],
  };
};

interface Invocation {
  trace: TraceHeader;
  handler: Subsegment;
}

let current: Invocation | undefined;
let coldStart = true;

const close = (subsegment: Subsegment) => {
  subsegment.end_time = now();
  send(subsegment);
};

/**
 * A middy middleware giving each sampled invocation its handler subsegment. `onWarning` hears of
 * subsegments the daemon could not be sent (logged, never thrown: tracing must not fail a call).
 */
export const handlerTracing = (options: {
  serviceName: string;
  onWarning?: (message: string, error: Error) => void;
}): MiddlewareObj => {
  if (options.onWarning) warn = options.onWarning;
  const finish = (error?: unknown) => {
    const invocation = current;
    current = undefined;
    if (!invocation) return;
    if (error !== undefined) {
      invocation.handler.fault = true;
      addCause(invocation.handler, error, false);
    }
    close(invocation.handler);
  };
  return {
    before: async () => {
      // As Powertools counts it: only an on-demand environment starts cold (not a provisioned one).
      const cold = coldStart && process.env.AWS_LAMBDA_INITIALIZATION_TYPE?.trim() === 'on-demand';
      coldStart = false;
      current = undefined;
      if (!tracingEnabled()) return;
      const trace = traceHeader();
      if (!trace?.sampled) return;
      await openSocket();
      const handler = open(trace, trace.parent, `## ${process.env._HANDLER ?? 'handler'}`);
      handler.annotations = { ColdStart: cold, Service: options.serviceName };
      current = { trace, handler };
    },
    after: () => finish(),
    onError: (request) => finish(request.error),
  };
};

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
      const invocation = current;
      if (!invocation) return next(args);
      const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const subsegment = open(invocation.trace, invocation.handler.id, service);
      subsegment.namespace = 'aws';
      const headers = (args.request as { headers?: Record<string, string> } | undefined)?.headers;
      if (headers)
        headers['X-Amzn-Trace-Id'] = [
          `Root=${invocation.trace.root}`,
          `Parent=${subsegment.id}`,
          'Sampled=1',
          ...invocation.trace.extra,
        ].join(';');
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
        close(subsegment);
      }
    },
    { step: 'build', name: 'xrayTracing', override: true },
  );
  return client;
};
