import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from '../../../../shared/api/openapi/document.js';
import { API_ROUTES, routeKey } from '../../../../shared/api/routes.js';
import { openApi31Document, refsIn, resolvePointer } from './openapi-shape.js';

const document = openApiDocument();
type Operation = {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
};
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
    path,
    method: method.toUpperCase(),
    operation,
  })),
);

it('validates against the official OpenAPI 3.1 schema', async () => {
  const validator = new Validator();
  const result = await validator.validate(JSON.parse(JSON.stringify(document)));
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
});

it('has the shape this service relies on', () => {
  const result = openApi31Document.safeParse(document);
  expect(result.success ? [] : result.error.issues).toEqual([]);
});

it('describes exactly the routes of the route list, each once, by its operation id', () => {
  expect(operations.map(({ method, path }) => routeKey({ method: method as 'GET', path })).sort()).toEqual(
    API_ROUTES.map(routeKey).sort(),
  );
  for (const route of API_ROUTES) {
    const found = operations.find(({ method, path }) => method === route.method && path === route.path);
    expect(found?.operation.operationId).toBe(route.operationId);
  }
  expect(new Set(operations.map(({ operation }) => operation.operationId)).size).toBe(operations.length);
});

it('resolves every $ref inside the document', () => {
  const unresolved = refsIn(document).filter(([ref]) => resolvePointer(document, ref) === undefined);
  expect(unresolved).toEqual([]);
});

it('declares each path template parameter once, and no other path parameter', () => {
  for (const { path, operation } of operations) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
    const declared = (operation.parameters ?? [])
      .filter((p) => p.in === 'path')
      .map((p) => p.name)
      .sort();
    expect([path, declared]).toEqual([path, templated]);
  }
});

it('asks for the bearer key on operator and warehouse routes, for a signature header on webhooks, and nothing for the description', () => {
  expect(document.security).toEqual([{ bearerAuth: [] }]);
  expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  for (const route of API_ROUTES) {
    const { operation } = operations.find(
      ({ method, path }) => method === route.method && path === route.path,
    ) as {
      operation: Operation;
    };
    if (route.auth === 'apiKey') {
      expect([route.operationId, operation.security]).toEqual([route.operationId, undefined]);
      expect(operation.responses['401']).toEqual({ $ref: '#/components/responses/Status401' });
    } else if (route.auth === 'none') {
      expect([route.operationId, operation.security, operation.responses['401']]).toEqual([
        route.operationId,
        [],
        undefined,
      ]);
    } else {
      expect(operation.security).toEqual([]);
      const signatures = (operation.parameters ?? []).filter(
        (p) => p.in === 'header' && p.required && /signature|hmac/i.test(p.name),
      );
      expect([route.operationId, signatures.length]).toEqual([route.operationId, 1]);
    }
  }
});

it('answers every refusal with the one error body', () => {
  expect(document.components.schemas.Error).toMatchObject({
    type: 'object',
    required: ['error'],
    properties: { error: { required: ['code', 'message', 'details'] } },
  });
  for (const [name, response] of Object.entries(document.components.responses)) {
    expect([name, response.content['application/json'].schema]).toEqual([
      name,
      { $ref: '#/components/schemas/Error' },
    ]);
  }
  for (const { operation } of operations) {
    expect(operation.responses['400']).toEqual({ $ref: '#/components/responses/Status400' });
    expect(operation.responses.default).toEqual({ $ref: '#/components/responses/Unexpected' });
  }
});

it('documents request bodies from the zod schemas the handlers validate with', () => {
  const body = (operationId: string) =>
    operations.find(({ operation }) => operation.operationId === operationId)?.operation.requestBody?.content[
      'application/json'
    ]?.schema;
  expect(body('allocateOrder')).toMatchObject({
    type: 'object',
    required: ['lines', 'reason'],
    additionalProperties: false,
  });
  expect(body('putChannelPolicy')).toMatchObject({
    properties: { onShortage: { enum: ['reject', 'dropShort', 'holdAll', 'holdPartial', 'split'] } },
  });
  expect(body('genericOrderWebhook')).toMatchObject({
    required: expect.arrayContaining(['type', 'orderId', 'lines']),
  });
  expect(body('receiveStock')).toMatchObject({ required: ['receiptId', 'warehouseId', 'lines'] });
  for (const { operation } of operations) {
    const schema = operation.requestBody?.content['application/json']?.schema;
    if (schema)
      expect([operation.operationId, Object.keys(schema).length > 0]).toEqual([operation.operationId, true]);
  }
  expect(JSON.stringify(document)).not.toContain('"$schema"');
});

it('lists the order list filters as query parameters', () => {
  const list = operations.find(({ operation }) => operation.operationId === 'listOrders')?.operation;
  expect(list?.parameters?.map((p) => [p.name, p.in, p.required])).toEqual(
    [
      'status',
      'sku',
      'channel',
      'customer',
      'warehouse',
      'olderThanDays',
      'fillable',
      'sort',
      'limit',
      'cursor',
    ].map((name) => [name, 'query', false]),
  );
});
