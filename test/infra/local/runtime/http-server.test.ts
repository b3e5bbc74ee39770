import type { Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ApiCors } from '../../../../infra/local/runtime/api-cors.js';
import type { HttpRoute } from '../../../../infra/local/runtime/http-routes.js';
import { closeServer, createHttpServer, listen } from '../../../../infra/local/runtime/http-server.js';
import { AWS_LIMITS } from '../../../../shared/limits.js';

/**
 * The local HTTP API answers like API Gateway's HTTP API: these run it with a function that
 * records the event it was handed, so that what reaches a function is checked byte for byte.
 */
const ROUTE: HttpRoute = {
  logicalId: 'Route',
  method: 'POST',
  path: '/webhooks/{tenantId}/orders',
  routeKey: 'POST /webhooks/{tenantId}/orders',
  function: 'webhooks',
};
const CORS: ApiCors = {
  allowOrigins: ['https://console.example.com'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['authorization', 'content-type'],
  exposeHeaders: [],
  maxAge: 600,
  allowCredentials: false,
};

const received: APIGatewayProxyEventV2[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createHttpServer({
    routes: [ROUTE],
    cors: CORS,
    invoke: async (_name, event) => {
      received.push(event as APIGatewayProxyEventV2);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    },
    sweep: async () => ({}),
    log: () => undefined,
  });
  base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});
afterAll(() => closeServer(server));

const post = (path: string, body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', body, headers });

it('answers a path with bad percent-encoding 400, without running the function', async () => {
  const before = received.length;
  const response = await post('/webhooks/%E0%A4%A/orders', '{}', { 'content-type': 'application/json' });
  expect(response.status).toBe(400);
  expect(received.length).toBe(before);
});

it(`answers a body over ${AWS_LIMITS.apiGatewayBodyBytes} bytes 413, and takes one of exactly that size`, async () => {
  const before = received.length;
  const over = await post('/webhooks/t/orders', new Uint8Array(AWS_LIMITS.apiGatewayBodyBytes + 1), {
    'content-type': 'application/octet-stream',
  });
  expect(over.status).toBe(413);
  expect(received.length).toBe(before);
  const exact = await post('/webhooks/t/orders', new Uint8Array(AWS_LIMITS.apiGatewayBodyBytes), {
    'content-type': 'application/octet-stream',
  });
  expect(exact.status).toBe(200);
});

it('hands a JSON body that is UTF-8 over as text', async () => {
  await post('/webhooks/t/orders', '{"name":"Zoë"}', { 'content-type': 'application/json; charset=utf-8' });
  expect(received.at(-1)).toEqual(
    expect.objectContaining({ body: '{"name":"Zoë"}', isBase64Encoded: false }),
  );
});

it.each([
  ['a text type with bytes that are not UTF-8', 'application/json'],
  ['a type that is not text', 'application/x-www-form-urlencoded'],
])('hands %s over base64-encoded, byte for byte', async (_what, contentType) => {
  const bytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]);
  await post('/webhooks/t/orders', bytes, { 'content-type': contentType });
  const event = received.at(-1);
  expect(event?.isBase64Encoded).toBe(true);
  expect(Buffer.from(event?.body ?? '', 'base64')).toEqual(bytes);
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${base}/webhooks/t/orders`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });

  it('answers a preflight from the console origin 204 with what it allows', async () => {
    const response = await preflight('https://console.example.com');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://console.example.com');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('allows no other origin', async () => {
    const response = await preflight('https://elsewhere.example.com');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await post('/webhooks/t/orders', '{}', {
      'content-type': 'application/json',
      origin: 'https://elsewhere.example.com',
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('marks a route response to the console origin', async () => {
    const answer = await post('/webhooks/t/orders', '{}', {
      'content-type': 'application/json',
      origin: 'https://console.example.com',
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://console.example.com');
  });
});
