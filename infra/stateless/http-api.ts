import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_ROUTES, type ApiRoute } from '../../shared/api/route-table.js';

/**
 * The HTTP API (API Gateway v2, payload format 2.0) with exactly the routes of the route table.
 * Operator and warehouse routes need a tenant API key, checked by the Lambda authorizer; webhooks
 * are authenticated by their signatures in the handler. Access logs carry ids and statuses only.
 */
export class ServiceHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(
    scope: Construct,
    id: string,
    props: {
      functions: Record<ApiRoute['function'], IFunction>;
      authorizer: IFunction;
      logRetention: RetentionDays;
      /** The browser origins that may call the API: the console's. */
      corsOrigins: string[];
    },
  ) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Backorder service: webhooks, warehouse and operator API',
      corsPreflight: {
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        allowOrigins: props.corsOrigins,
        maxAge: Duration.minutes(10),
      },
    });
    const apiKey = new HttpLambdaAuthorizer('ApiKey', props.authorizer, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: Duration.minutes(1),
    });
    const integrations = Object.fromEntries(
      Object.entries(props.functions).map(([name, fn]) => [
        name,
        new HttpLambdaIntegration(`${name}Integration`, fn),
      ]),
    ) as Record<ApiRoute['function'], HttpLambdaIntegration>;
    for (const route of API_ROUTES) {
      const [added] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.function],
        authorizer: route.auth === 'apiKey' ? apiKey : new HttpNoneAuthorizer(),
      });
      if (added && route.auth !== 'apiKey') {
        Validations.of(added).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason:
            route.auth === 'signature'
              ? 'Webhooks carry no API key: the handler authenticates each one by its HMAC signature.'
              : 'The OpenAPI description is public by design.',
        });
      }
    }
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
  }
}
