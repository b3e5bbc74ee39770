import { createSocket } from 'node:dgram';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { traceClient } from '../../../shared/runtime/tracing/client-tracing.js';
import { daemonAddress } from '../../../shared/runtime/tracing/daemon-emitter.js';
import { handlerTracing } from '../../../shared/runtime/tracing/handler-tracing.js';
import type { Subsegment } from '../../../shared/runtime/tracing/subsegment.js';
import { lambdaContext } from '../../support/http-events.js';

const ROOT = '1-67891233-abcdef012345678912345678';
const LAMBDA_SEGMENT = '53995c3f42cd8ad8';
const traceHeader = (sampled: '0' | '1') =>
  `Root=${ROOT};Parent=${LAMBDA_SEGMENT};Sampled=${sampled};Lineage=a87bd80c:0`;

/** What the X-Ray daemon would receive: each datagram's document, after the protocol header. */
const daemon = createSocket('udp4');
const received: Subsegment[] = [];
daemon.on('message', (message) => {
  const [header, document] = message.toString('utf8').split('\n');
  expect(JSON.parse(header ?? '')).toEqual({ format: 'json', version: 1 });
  received.push(JSON.parse(document ?? '') as Subsegment);
});

/** DynamoDB, as far as these calls go: GetItem finds nothing, PutItem's condition fails. */
const traceHeaders: Array<string | undefined> = [];
const dynamoDb = createServer((request: IncomingMessage, response: ServerResponse) => {
  traceHeaders.push(request.headers['x-amzn-trace-id'] as string | undefined);
  request.resume().on('end', () => {
    const failed = String(request.headers['x-amz-target']).endsWith('.PutItem');
    response.writeHead(failed ? 400 : 200, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': failed ? 'req-put' : 'req-get',
    });
    response.end(
      failed
        ? JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
            message: 'The conditional request failed',
          })
        : '{}',
    );
  });
});

const saved = { ...process.env };
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => dynamoDb.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: 'eu-west-1',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`,
    _HANDLER: 'index.handler',
  });
  // Else the SDK's own recursion detection would pass Lambda's trace header on.
  delete process.env.AWS_LAMBDA_FUNCTION_NAME;
  documents = DynamoDBDocumentClient.from(
    traceClient(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${(dynamoDb.address() as AddressInfo).port}`,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 1,
      }),
    ),
  );
});

afterAll(async () => {
  process.env = saved;
  documents.destroy();
  daemon.close();
  await new Promise((resolve) => dynamoDb.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  traceHeaders.length = 0;
  process.env._X_AMZN_TRACE_ID = traceHeader('1');
  delete process.env.POWERTOOLS_TRACE_ENABLED;
});

const handler = middy(async (event: { put?: boolean }) => {
  await documents.send(new GetCommand({ TableName: 'orders', Key: { pk: 'a', sk: 'b' } }));
  if (event.put)
    await documents.send(
      new PutCommand({
        TableName: 'orders',
        Item: { pk: 'a', sk: 'b' },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  return { done: true };
}).use(handlerTracing({ serviceName: 'backorder-service' }));

const invoke = (event: { put?: boolean } = {}) => handler(event, lambdaContext('tracing'));

/** The documents the daemon has, once `count` of them arrived (UDP on loopback, so soon). */
const documentsReceived = async (count: number): Promise<Subsegment[]> => {
  for (let waited = 0; received.length < count && waited < 2_000; waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  return [...received];
};

it('sends the handler and each SDK call as subsegments of the invocation, the call under the handler', async () => {
  expect(await invoke()).toEqual({ done: true });
  const [call, handlerSegment] = await documentsReceived(2);

  expect(handlerSegment).toEqual({
    type: 'subsegment',
    id: expect.stringMatching(/^[0-9a-f]{16}$/),
    trace_id: ROOT,
    parent_id: LAMBDA_SEGMENT,
    name: '## index.handler',
    start_time: expect.any(Number),
    end_time: expect.any(Number),
    annotations: { ColdStart: true, Service: 'backorder-service' },
  });
  expect(call).toEqual({
    type: 'subsegment',
    id: expect.stringMatching(/^[0-9a-f]{16}$/),
    trace_id: ROOT,
    parent_id: handlerSegment?.id,
    name: 'DynamoDB',
    namespace: 'aws',
    start_time: expect.any(Number),
    end_time: expect.any(Number),
    aws: {
      operation: 'GetItem',
      region: 'eu-west-1',
      request_id: 'req-get',
      retries: 0,
      table_name: 'orders',
    },
    http: { response: { status: 200 } },
  });
  expect(call?.start_time).toBeGreaterThanOrEqual(handlerSegment?.start_time ?? Number.NaN);
  expect(call?.end_time).toBeLessThanOrEqual(handlerSegment?.end_time ?? Number.NaN);
  // The call carries its own subsegment, so what it starts downstream joins the trace under it.
  expect(traceHeaders).toEqual([`Root=${ROOT};Parent=${call?.id};Sampled=1;Lineage=a87bd80c:0`]);
});

it('marks a refused call an error and the handler that threw it a fault, each with the exception', async () => {
  await invoke();
  await documentsReceived(2);
  received.length = 0;

  await expect(invoke({ put: true })).rejects.toThrow('The conditional request failed');
  const [, put, handlerSegment] = await documentsReceived(3);

  expect(put).toMatchObject({
    name: 'DynamoDB',
    parent_id: handlerSegment?.id,
    aws: { operation: 'PutItem', request_id: 'req-put', table_name: 'orders' },
    http: { response: { status: 400 } },
    error: true,
    cause: {
      exceptions: [
        { type: 'ConditionalCheckFailedException', message: 'The conditional request failed', remote: true },
      ],
    },
  });
  expect(put?.fault).toBeUndefined();
  expect(handlerSegment).toMatchObject({
    name: '## index.handler',
    annotations: { ColdStart: false },
    fault: true,
    cause: { exceptions: [{ type: 'ConditionalCheckFailedException', remote: false }] },
  });
  expect(handlerSegment?.cause?.exceptions[0]?.stack.length).toBeGreaterThan(0);
});

it.each<[string, Record<string, string | undefined>]>([
  ['an invocation that is not sampled', { _X_AMZN_TRACE_ID: traceHeader('0') }],
  ['an invocation without trace data', { _X_AMZN_TRACE_ID: undefined }],
  ['a process with POWERTOOLS_TRACE_ENABLED=false', { POWERTOOLS_TRACE_ENABLED: 'false' }],
  ['a process outside Lambda', { AWS_EXECUTION_ENV: undefined }],
])('records nothing for %s, and leaves its calls alone', async (_, env) => {
  const executionEnv = process.env.AWS_EXECUTION_ENV;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    expect(await invoke()).toEqual({ done: true });
  } finally {
    process.env.AWS_EXECUTION_ENV = executionEnv;
    process.env._X_AMZN_TRACE_ID = traceHeader('1');
    delete process.env.POWERTOOLS_TRACE_ENABLED;
  }
  expect(traceHeaders).toEqual([undefined]);
  // A traced invocation after it: only its two documents reach the daemon.
  await invoke();
  expect((await documentsReceived(2)).map((document) => document.name)).toEqual([
    'DynamoDB',
    '## index.handler',
  ]);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(received).toHaveLength(2);
});

it('reads the daemon address in either of its forms', () => {
  expect(daemonAddress('169.254.79.129:2000')).toEqual({ address: '169.254.79.129', port: 2000 });
  expect(daemonAddress('tcp:127.0.0.1:3000 udp:127.0.0.2:2001')).toEqual({
    address: '127.0.0.2',
    port: 2001,
  });
  expect(daemonAddress('')).toEqual({ address: '127.0.0.1', port: 2000 });
  expect(daemonAddress('nonsense')).toEqual({ address: '127.0.0.1', port: 2000 });
});
