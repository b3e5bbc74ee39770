import { openApiDocument } from '../../../../shared/api/openapi/document.js';
import { adjustmentBody } from '../../../../shared/api/warehouse-schemas.js';
import { LIMITS } from '../../../../shared/limits.js';
import { resolvePointer } from './openapi-shape.js';

/** The server and the OpenAPI description read each maximum from one place (`shared/limits.ts`). */
const document = openApiDocument();

const requestSchema = (path: string): Record<string, unknown> => {
  const operation = (document.paths as Record<string, Record<string, unknown>>)[path]?.post as {
    requestBody: { content: Record<string, { schema: Record<string, unknown> }> };
  };
  const schema = operation.requestBody.content['application/json']?.schema ?? {};
  return typeof schema.$ref === 'string'
    ? (resolvePointer(document, schema.$ref) as Record<string, unknown>)
    : schema;
};

type JsonSchema = { properties: Record<string, JsonSchema>; items: JsonSchema } & Record<string, unknown>;

it('documents the adjustment delta bounds the server enforces', () => {
  const lines = (requestSchema('/stock/adjustments') as JsonSchema).properties.lines as JsonSchema;
  const delta = lines.items.properties.delta as JsonSchema;
  expect(delta.maximum).toBe(LIMITS.adjustmentDelta);
  expect(delta.minimum).toBe(-LIMITS.adjustmentDelta);
  expect(lines.maxItems).toBe(LIMITS.stockLines);
  const line = (delta: number) => ({ adjustmentId: 'a', warehouseId: 'main', lines: [{ sku: 'A', delta }] });
  expect(adjustmentBody.safeParse(line(LIMITS.adjustmentDelta)).success).toBe(true);
  expect(adjustmentBody.safeParse(line(-LIMITS.adjustmentDelta)).success).toBe(true);
  expect(adjustmentBody.safeParse(line(LIMITS.adjustmentDelta + 1)).success).toBe(false);
});

it('documents the line and id maxima of receipts', () => {
  const receipt = requestSchema('/stock/receipts') as JsonSchema;
  expect(receipt.properties.lines?.maxItems).toBe(LIMITS.stockLines);
  expect(receipt.properties.receiptId?.maxLength).toBe(LIMITS.idLength);
});
