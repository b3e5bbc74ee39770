import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { parseInput } from '../../shared/domain/inputs.js';
import {
  authorizedPrincipal,
  authorizedTenant,
  pathParameter,
  queryParameters,
  requestId,
} from '../../shared/runtime/http-request.js';
import type { Request } from '../../shared/use-cases/order-acts.js';

/** The query string, validated: unknown parameters are refused so that a typo is not silently ignored. */
export const parseQuery = <S extends z.ZodMiniType>(schema: S, event: APIGatewayProxyEventV2): z.output<S> =>
  parseInput(schema, queryParameters(event), 'query string');

/** Path parameters, validated like any other input. */
export const parsePath = <S extends z.ZodMiniObject>(schema: S, event: APIGatewayProxyEventV2): z.output<S> =>
  parseInput(
    schema,
    Object.fromEntries(Object.keys(schema.shape).map((name) => [name, pathParameter(event, name)])),
    'path',
  );

/** Who acts, for whom, under which request id: a person at the operator's desk. */
export const operatorRequest = (event: APIGatewayProxyEventV2): Request => ({
  tenantId: authorizedTenant(event),
  actor: { kind: 'person', id: authorizedPrincipal(event) },
  ...requestId(event),
});
