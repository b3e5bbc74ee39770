import { makeHandler } from '../../../functions/operator-api/index.js';
import { openApiDocument } from '../../../shared/api/openapi/document.js';
import type { Wiring } from '../../../shared/runtime/adapters.js';
import { lambdaContext } from '../../support/http-events.js';
import { operatorEvent } from '../../support/operator-api.js';

const handler = makeHandler((): Wiring => {
  throw new Error('the document needs no adapters');
});

it('serves the OpenAPI document', async () => {
  const response = await handler(operatorEvent('GET', '/openapi.json'), lambdaContext());
  expect(response.statusCode).toBe(200);
  expect(response.headers).toMatchObject({ 'content-type': 'application/json' });
  expect(JSON.parse(String(response.body))).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
});

it('serves it without a key, since it holds no tenant data, but refuses query parameters', async () => {
  expect(
    (await handler(operatorEvent('GET', '/openapi.json', { tenantId: null }), lambdaContext())).statusCode,
  ).toBe(200);
  expect(
    (await handler(operatorEvent('GET', '/openapi.json', { query: { format: 'yaml' } }), lambdaContext()))
      .statusCode,
  ).toBe(400);
});

it('answers an unknown route or method with a 404 or 405 error body', async () => {
  const unknown = await handler(operatorEvent('GET', '/nowhere'), lambdaContext());
  expect(unknown.statusCode).toBe(404);
  expect(JSON.parse(String(unknown.body)).error.code).toBe('NOT_FOUND');
  const wrongMethod = await handler(operatorEvent('DELETE', '/orders'), lambdaContext());
  expect(wrongMethod.statusCode).toBeGreaterThanOrEqual(400);
  expect(wrongMethod.statusCode).toBeLessThan(500);
});
