/**
 * The HTTP API's routes as the template defines them (`AWS::ApiGatewayV2::Route`): route key,
 * the function behind its integration, and whether the Lambda authorizer guards it. Checked
 * against shared/api/route-table.ts, so that the two cannot drift apart unnoticed.
 */
import { API_ROUTES } from '../../../shared/api/route-table.js';
import type { FunctionName } from '../../stateless/service-function.js';
import { functionOf } from './function-resources.js';
import {
  type AppTemplate,
  type Json,
  propertiesOf,
  referencedId,
  resourcesOfType,
  UnsupportedTemplateError,
} from './template.js';

export interface HttpRoute {
  readonly logicalId: string;
  readonly method: string;
  /** With `{param}` segments, as in the route key. */
  readonly path: string;
  readonly routeKey: string;
  readonly function: FunctionName;
  /** The authorizer's function, for `AuthorizationType: CUSTOM` routes. */
  readonly authorizer?: FunctionName;
}

/** `{"Fn::Join": ["", ["integrations/", {"Ref": id}]]}` → id. */
function integrationId(template: AppTemplate, target: unknown, owner: string): string {
  const join = (target as Json | undefined)?.['Fn::Join'] as [string, unknown[]] | undefined;
  const parts = Array.isArray(join?.[1]) ? join[1] : [];
  const id =
    parts.length === 2 && parts[0] === 'integrations/' ? referencedId(template, parts[1]) : undefined;
  if (!id) throw new UnsupportedTemplateError(owner, 'has a Target that is not "integrations/<Ref>"');
  return id;
}

function lambdaOfIntegration(
  template: AppTemplate,
  functions: ReadonlyMap<string, FunctionName>,
  id: string,
) {
  const integration = propertiesOf(template, id);
  if (integration.IntegrationType !== 'AWS_PROXY' || integration.PayloadFormatVersion !== '2.0')
    throw new UnsupportedTemplateError(id, 'is not a Lambda proxy integration with payload format 2.0');
  return functionOf(functions, referencedId(template, integration.IntegrationUri), id);
}

function authorizerOf(template: AppTemplate, functions: ReadonlyMap<string, FunctionName>, id: string) {
  const authorizer = propertiesOf(template, id);
  const identity = authorizer.IdentitySource as unknown[] | undefined;
  if (
    authorizer.AuthorizerType !== 'REQUEST' ||
    authorizer.AuthorizerPayloadFormatVersion !== '2.0' ||
    authorizer.EnableSimpleResponses !== true ||
    identity?.length !== 1 ||
    identity[0] !== '$request.header.Authorization'
  )
    throw new UnsupportedTemplateError(
      id,
      'is not a 2.0 REQUEST authorizer with simple responses on the Authorization header',
    );
  const parts =
    ((authorizer.AuthorizerUri as Json | undefined)?.['Fn::Join'] as [string, unknown[]])?.[1] ?? [];
  const lambda = parts.map((part) => referencedId(template, part)).find((ref) => ref && functions.has(ref));
  return functionOf(functions, lambda, id);
}

/** Every route of the template; throws, naming the resource, on one it cannot serve. */
export function httpRoutes(template: AppTemplate, functions: ReadonlyMap<string, FunctionName>): HttpRoute[] {
  const routes = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(
    ([logicalId, props]): HttpRoute => {
      const routeKey = String(props.RouteKey);
      const match = /^(GET|POST|PUT|PATCH|DELETE) (\/[^\s]*)$/.exec(routeKey);
      if (!match)
        throw new UnsupportedTemplateError(
          logicalId,
          `has route key "${routeKey}", which is not "METHOD /path"`,
        );
      const [, method = '', path = ''] = match;
      if (/\{[^}]*\+\}/.test(path))
        throw new UnsupportedTemplateError(logicalId, 'uses a greedy path parameter');
      const fn = lambdaOfIntegration(template, functions, integrationId(template, props.Target, logicalId));
      const auth = props.AuthorizationType ?? 'NONE';
      if (auth !== 'NONE' && auth !== 'CUSTOM')
        throw new UnsupportedTemplateError(logicalId, `has AuthorizationType ${String(auth)}`);
      const authorizerId = referencedId(template, props.AuthorizerId);
      if (auth === 'CUSTOM' && !authorizerId)
        throw new UnsupportedTemplateError(logicalId, 'has no AuthorizerId');
      return {
        logicalId,
        method,
        path,
        routeKey,
        function: fn,
        ...(auth === 'CUSTOM' && authorizerId
          ? { authorizer: authorizerOf(template, functions, authorizerId) }
          : {}),
      };
    },
  );
  checkAgainstRouteTable(routes);
  return routes;
}

/** The template and the route table must list the same routes with the same functions. */
function checkAgainstRouteTable(routes: readonly HttpRoute[]): void {
  const inTable = new Map(API_ROUTES.map((route) => [`${route.method} ${route.path}`, route]));
  for (const route of routes) {
    const listed = inTable.get(route.routeKey);
    if (!listed)
      throw new UnsupportedTemplateError(
        route.logicalId,
        `route ${route.routeKey} is not in shared/api/route-table.ts`,
      );
    if (listed.function !== route.function)
      throw new UnsupportedTemplateError(
        route.logicalId,
        `route ${route.routeKey} runs ${route.function}, the route table says ${listed.function}`,
      );
    if ((listed.auth === 'apiKey') !== Boolean(route.authorizer))
      throw new UnsupportedTemplateError(
        route.logicalId,
        `route ${route.routeKey} ${route.authorizer ? 'has' : 'lacks'} the authorizer, the route table says auth "${listed.auth}"`,
      );
    inTable.delete(route.routeKey);
  }
  const missing = [...inTable.keys()];
  if (missing.length > 0)
    throw new Error(`The template has no route for ${missing.join(', ')} of shared/api/route-table.ts`);
}
