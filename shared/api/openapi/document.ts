import type * as z from 'zod/mini';
import { kitView } from '../../domain/kit.js';
import { bulkActView, summaryView } from '../console-responses.js';
import { recipientListView, recipientView } from '../recipient-schemas.js';
import {
  actResultView,
  dryRunView,
  errorResponse,
  inboundView,
  orderDetailView,
  orderPageView,
  policiesView,
  stockView,
  warehouseResultView,
  webhookResultView,
} from '../response-schemas.js';
import { API_ROUTES, type ApiRoute } from '../routes.js';
import { WAREHOUSE_OPERATIONS, WEBHOOK_OPERATIONS } from './edge-operations.js';
import { type JsonSchema, jsonSchemaOf, parametersOf } from './json-schema.js';
import type { ComponentName, OperationSpec } from './operation-spec.js';
import { OPERATOR_OPERATIONS } from './operator-operations.js';

const OPERATIONS: Record<string, OperationSpec> = {
  ...OPERATOR_OPERATIONS,
  ...WAREHOUSE_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
};

const COMPONENTS: Record<ComponentName, z.ZodMiniType> = {
  Error: errorResponse,
  OrderPage: orderPageView,
  OrderDetail: orderDetailView,
  ActResult: actResultView,
  DryRun: dryRunView,
  Stock: stockView,
  Inbound: inboundView,
  Policies: policiesView,
  Recipient: recipientView,
  RecipientList: recipientListView,
  WarehouseResult: warehouseResultView,
  WebhookResult: webhookResultView,
  BulkActResult: bulkActView,
  Summary: summaryView,
  Kit: kitView,
};

const REFUSALS: Record<number, string> = {
  400: 'The request is malformed; `error.details.issues` says where.',
  401: 'No valid API key (or signature).',
  404: 'No such order (or recipient) for this tenant (another tenant’s is not found either).',
  409: 'Not possible in the current state, e.g. `INVALID_TRANSITION`, `INSUFFICIENT_STOCK`, `RECIPIENT_EXISTS` or `RECIPIENT_LIMIT`.',
  503: 'The stock is busy; retry the request.',
};

const ref = (name: ComponentName): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const okSchema = (names: ComponentName[]): JsonSchema => {
  if (names.length === 0) return { type: 'object' };
  if (names.length === 1) return ref(names[0] as ComponentName);
  return { oneOf: names.map(ref) };
};

const operationOf = (route: ApiRoute, spec: OperationSpec) => {
  const refusals = [
    ...new Set([400, ...(route.auth === 'none' ? [] : [401]), ...(spec.refusals ?? [])]),
  ].sort();
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    ...(route.auth === 'apiKey' ? {} : { security: [] }),
    parameters: [
      ...(spec.path ? parametersOf(spec.path, 'path') : []),
      ...(spec.query ? parametersOf(spec.query, 'query') : []),
      ...(spec.headers ?? []).map(({ schema, ...header }) => ({
        ...header,
        in: 'header',
        schema: schema ?? { type: 'string' },
      })),
    ],
    ...(spec.body
      ? {
          requestBody: {
            required: spec.body.required,
            content: { 'application/json': { schema: jsonSchemaOf(spec.body.schema, 'input') } },
          },
        }
      : {}),
    responses: {
      200: {
        description: spec.ok.description,
        content: { 'application/json': { schema: okSchema(spec.ok.schemas) } },
      },
      ...Object.fromEntries(
        refusals.map((status) => [status, { $ref: `#/components/responses/Status${status}` }]),
      ),
      default: { $ref: '#/components/responses/Unexpected' },
    },
  };
};

const errorContent = { 'application/json': { schema: ref('Error') } };

/**
 * The OpenAPI 3.1 description of every route in `API_ROUTES`, built from the zod schemas the
 * handlers validate with, so the document cannot drift from what the service accepts.
 */
export const openApiDocument = () => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const spec = OPERATIONS[route.operationId];
    if (!spec) throw new Error(`No OpenAPI description for ${route.operationId}`);
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route, spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Backorder service API',
      version: '1.0.0',
      description:
        'Backorder management for warehouses and 3PLs: orders awaiting stock, manual allocation, stock, policies, and the channel webhooks that bring orders in.',
    },
    security: [{ bearerAuth: [] }],
    tags: ['Orders', 'Stock', 'Policies', 'Notifications', 'Warehouse', 'Webhooks', 'API'].map((name) => ({
      name,
    })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: "The tenant's API key. A key sees its own tenant only; anything else is answered 404.",
        },
      },
      schemas: Object.fromEntries(
        Object.entries(COMPONENTS).map(([name, schema]) => [name, jsonSchemaOf(schema, 'output')]),
      ),
      responses: {
        ...Object.fromEntries(
          Object.entries(REFUSALS).map(([status, description]) => [
            `Status${status}`,
            { description, content: errorContent },
          ]),
        ),
        Unexpected: { description: 'An unexpected failure.', content: errorContent },
      },
    },
  };
};

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
