import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { headerValue } from '../../shared/channels/headers.js';
import type { TenantDirectory } from '../../shared/ports/tenant-directory.js';
import { deployedDirectory } from '../../shared/runtime/adapters.js';
import { deployedHandler } from '../../shared/runtime/deployed-handler.js';
import { logger, metrics, tracing } from '../../shared/runtime/observability.js';
import type { Clock } from '../../shared/use-cases/ports.js';
import {
  type ApiKeyAuthorizer,
  makeApiKeyAuthorizer,
} from '../../shared/use-cases/tenants/authorize-api-key.js';

/**
 * What the routes read from `requestContext.authorizer.lambda`: the key's tenant and who is
 * acting, or why the key was refused.
 */
export type AuthorizerContext = { tenantId: string; principal: string } | { refused: string };

export type AuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;

/** All the authorizer uses of the wiring (the full `Wiring` provides it). */
export interface AuthorizerWiring {
  directory: Pick<TenantDirectory, 'apiKeyHolder'>;
  allocation: { clock: Clock };
}

/**
 * The Lambda authorizer of the operator and warehouse API (HTTP API, payload format 2.0, simple
 * responses): `Authorization: Bearer <key>` → the key's tenant, which routes read from the
 * authorizer context. A refused key is let through with the reason instead of a tenant: an HTTP
 * API answers a refusing simple authorizer with a bare 403, while the contract promises 401 with
 * the error body, which the route's error middleware gives when no tenant is in the context.
 * A lookup failure is thrown (the gateway answers 500) rather than answered "not authorized", so
 * an outage is not mistaken for a bad key, and is never cached.
 */
export const makeHandler = (wiring: () => AuthorizerWiring) => {
  let authorize: ApiKeyAuthorizer | undefined;
  return (
    middy<APIGatewayRequestAuthorizerEventV2, AuthorizerResult>(
      async (event: APIGatewayRequestAuthorizerEventV2) => {
        const { directory, allocation } = wiring();
        authorize ??= makeApiKeyAuthorizer(directory, allocation.clock);
        const verdict = await authorize(headerValue(event.headers, 'authorization'));
        if (!verdict.authorized) {
          logger.info('API key refused', { reason: verdict.reason, routeKey: event.routeKey });
          metrics.addMetric('ApiKeysRefused', 'Count', 1);
          return { isAuthorized: true, context: { refused: verdict.reason } };
        }
        return {
          isAuthorized: true,
          // A named operator's key acts as that operator; the tenant's own key by its id.
          context: { tenantId: verdict.tenantId, principal: verdict.operator ?? `api-key:${verdict.keyId}` },
        };
      },
    )
      .use(tracing())
      // Explicitly off, whatever POWERTOOLS_LOGGER_LOG_EVENT says: the event carries the key.
      .use(injectLambdaContext(logger, { logEvent: false }))
      .use(logMetrics(metrics))
  );
};

export const handler = deployedHandler(deployedDirectory, makeHandler);
