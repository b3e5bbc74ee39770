import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { stageConfig } from '../../../infra/config/stages.js';
import { defineApp } from '../../../infra/define-app.js';
import { addNagChecks } from '../../../infra/nag-suppressions.js';
import { FUNCTION_NAMES } from '../../../infra/stateless/service-function.js';
import { RECIPIENT_SUBSCRIPTION_ACTIONS } from '../../../infra/stateless/service-functions.js';
import { cdkJsonContext } from '../../../infra/template/synth.js';
import { API_ROUTES } from '../../../shared/api/route-table.js';
import { INCOMING_DETAIL_TYPES } from '../../../shared/events/incoming-events.js';
import { synthStacks } from '../../support/synth-stacks.js';

const { stateful, stateless } = synthStacks();
/** The function that copies the console's build into its bucket (not a service handler). */
const isConsolePublisher = (id: string) => id.startsWith('ConsolePublisher');

type Resource = { Type: string; Properties?: Record<string, unknown> };
const resources = (template: typeof stateless, type: string) =>
  Object.entries(template.findResources(type)) as Array<[string, Resource]>;

describe('stateless stack', () => {
  it('has one ARM64 Node.js 24 function per handler, traced, with source maps and Powertools settings', () => {
    const functions = resources(stateless, 'AWS::Lambda::Function').filter(
      ([id, r]) =>
        String((r.Properties?.Handler as string) ?? '').endsWith('handler') && !isConsolePublisher(id),
    );
    expect(functions).toHaveLength(FUNCTION_NAMES.length);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: expect.objectContaining({
            POWERTOOLS_SERVICE_NAME: 'backorder-service',
            NODE_OPTIONS: '--enable-source-maps',
            TABLE_NAME: expect.anything(),
          }),
        },
      });
    }
  });

  it('gives every function a log group with a retention', () => {
    const groups = resources(stateless, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(FUNCTION_NAMES.length);
    for (const [, group] of groups) expect(group.Properties?.RetentionInDays).toEqual(expect.any(Number));
  });

  it('routes every incoming detail-type, and gives every asynchronous target a retry policy and a DLQ', () => {
    const rules = resources(stateless, 'AWS::Events::Rule');
    const routed = rules.flatMap(
      ([, rule]) =>
        (rule.Properties?.EventPattern as { 'detail-type'?: string[] } | undefined)?.['detail-type'] ?? [],
    );
    for (const type of INCOMING_DETAIL_TYPES) expect(routed).toContain(type);
    for (const [, rule] of rules) {
      for (const target of (rule.Properties?.Targets ?? []) as Array<Record<string, unknown>>) {
        expect(target.RetryPolicy).toEqual(
          expect.objectContaining({ MaximumRetryAttempts: expect.any(Number) }),
        );
        expect(target.DeadLetterConfig).toEqual({ Arn: expect.anything() });
      }
    }
    stateless.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ RetryPolicy: Match.anyValue(), DeadLetterConfig: Match.anyValue() }),
    });
    stateless.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
    });
    stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('keeps what an asynchronously invoked function keeps failing on: retries, then a dead-letter queue', () => {
    const configs = resources(stateless, 'AWS::Lambda::EventInvokeConfig');
    const functionIds = (name: string) =>
      resources(stateless, 'AWS::Lambda::Function')
        .filter(([id]) => id.startsWith(`Functions${name}`))
        .map(([id]) => id);
    const configured = configs.map(
      ([, config]) => (config.Properties?.FunctionName as { Ref?: string })?.Ref,
    );
    for (const name of ['events', 'notifier', 'sweep']) {
      expect(functionIds(name)).toHaveLength(1);
      expect(configured).toEqual(expect.arrayContaining(functionIds(name)));
    }
    for (const [, config] of configs) {
      expect(config.Properties).toMatchObject({
        MaximumRetryAttempts: expect.any(Number),
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
    }
  });

  it('serves exactly the route table, with the authorizer on every operator and warehouse route', () => {
    const routes = resources(stateless, 'AWS::ApiGatewayV2::Route');
    expect(routes.map(([, r]) => r.Properties?.RouteKey).sort()).toEqual(
      API_ROUTES.map((route) => `${route.method} ${route.path}`).sort(),
    );
    for (const [, route] of routes) {
      const spec = API_ROUTES.find((r) => `${r.method} ${r.path}` === route.Properties?.RouteKey);
      expect(route.Properties?.AuthorizationType).toBe(spec?.auth === 'apiKey' ? 'CUSTOM' : 'NONE');
    }
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
    });
  });

  it('grants no data-plane role a wildcard action or a bare wildcard resource, except X-Ray', () => {
    for (const [, policy] of resources(stateless, 'AWS::IAM::Policy')) {
      const document = policy.Properties?.PolicyDocument as {
        Statement: Array<{ Action: string | string[]; Resource: unknown }>;
      };
      for (const statement of document.Statement) {
        const actions = ([] as string[]).concat(statement.Action);
        expect(actions.filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
        const xray = actions.every((action) => action.startsWith('xray:'));
        if (!xray) expect(([] as unknown[]).concat(statement.Resource)).not.toContain('*');
      }
    }
  });

  it('lets only the operator API subscribe to the notification topic, and only the notifier publish to it', () => {
    const functionOfRole = new Map(
      resources(stateless, 'AWS::Lambda::Function').map(([id, fn]) => [
        (fn.Properties?.Role as { 'Fn::GetAtt': string[] } | undefined)?.['Fn::GetAtt'][0],
        id,
      ]),
    );
    const snsGrants: Array<{ fn: string; actions: string[]; resource: unknown }> = [];
    for (const [, policy] of resources(stateless, 'AWS::IAM::Policy')) {
      const roles = ((policy.Properties?.Roles ?? []) as Array<{ Ref: string }>).map((role) => role.Ref);
      const document = policy.Properties?.PolicyDocument as {
        Statement: Array<{ Action: string | string[]; Resource: unknown }>;
      };
      for (const statement of document.Statement) {
        const actions = ([] as string[])
          .concat(statement.Action)
          .filter((action) => action.startsWith('sns:'));
        for (const role of roles)
          if (actions.length > 0)
            snsGrants.push({ fn: String(functionOfRole.get(role)), actions, resource: statement.Resource });
      }
    }
    const topic = { 'Fn::ImportValue': expect.stringMatching(/MessagingNotifications/) };
    expect(snsGrants).toEqual(
      expect.arrayContaining([
        { fn: expect.stringMatching(/^Functionsnotifier/), actions: ['sns:Publish'], resource: topic },
        {
          fn: expect.stringMatching(/^Functionsoperatorapi/),
          actions: [...RECIPIENT_SUBSCRIPTION_ACTIONS].sort(),
          resource: topic,
        },
      ]),
    );
    expect(snsGrants).toHaveLength(2);
    const withTopic = resources(stateless, 'AWS::Lambda::Function')
      .filter(([, fn]) =>
        Object.hasOwn(
          (fn.Properties?.Environment as { Variables?: object } | undefined)?.Variables ?? {},
          'NOTIFICATION_TOPIC_ARN',
        ),
      )
      .map(([id]) => id.replace(/Function[0-9A-F]+$/, ''));
    expect(withTopic.sort()).toEqual(['Functionsnotifier', 'Functionsoperatorapi']);
  });

  it('has alarms on dead-letter queues, function errors and throttles, and the outbox age, and a dashboard', () => {
    const alarms = resources(stateless, 'AWS::CloudWatch::Alarm').map(
      ([, alarm]) => alarm.Properties?.MetricName,
    );
    expect(alarms).toEqual(
      expect.arrayContaining([
        'ApproximateNumberOfMessagesVisible',
        'Errors',
        'Throttles',
        'OldestOutboxEntryAgeSeconds',
      ]),
    );
    stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it("runs the sweep on the stage's rate and tells the function that rate, so that its runs do not overlap", () => {
    const [[, schedule]] = resources(stateless, 'AWS::Scheduler::Schedule') as [[string, Resource]];
    expect(schedule.Properties?.ScheduleExpression).toBe('rate(5 minutes)');
    const sweep = resources(stateless, 'AWS::Lambda::Function').find(([id]) =>
      id.startsWith('Functionssweep'),
    );
    expect(sweep?.[1].Properties?.Environment).toMatchObject({ Variables: { SWEEP_EVERY_SECONDS: '300' } });
  });

  it('alarms as soon as the sweep sets aside an outbox entry that can never be published', () => {
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'BackorderService',
      MetricName: 'Sweep_eventsSetAside',
      Dimensions: [{ Name: 'service', Value: 'backorder-service' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('alarms as soon as a sweep finds an accepted order that no decision consumed', () => {
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'BackorderService',
      MetricName: 'Sweep_intakeUndecided',
      Dimensions: [{ Name: 'service', Value: 'backorder-service' }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: Match.anyValue(),
    });
  });
});

describe('stateful stack', () => {
  it('has an archived custom bus, an encrypted SSL-only topic, and encrypted dead-letter queues', () => {
    stateful.resourceCountIs('AWS::Events::EventBus', 1);
    stateful.resourceCountIs('AWS::Events::Archive', 1);
    stateful.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    stateful.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
    for (const [, queue] of resources(stateful, 'AWS::SQS::Queue'))
      expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
  });
});

describe('HTTP API CORS', () => {
  it.each(['dev', 'prod'])("allows only the %s stage's console origin, never *", (stage) => {
    const template = synthStacks({ stage }).stateless;
    const api = resources(template, 'AWS::ApiGatewayV2::Api');
    const [[distributionId]] = resources(template, 'AWS::CloudFront::Distribution') as [[string, Resource]];
    const cors = api[0]?.[1].Properties?.CorsConfiguration as Record<string, unknown>;
    expect(cors.AllowOrigins).toEqual([
      { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] },
      stageConfig(stage).consoleOrigin,
    ]);
    expect(cors.AllowHeaders).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']),
    );
    expect(cors.AllowMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
  });
});

describe('operator console', () => {
  it('is served from a private bucket through CloudFront with origin access control', () => {
    stateless.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    stateless.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: [
          Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: Match.anyValue() }),
        ],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
    // Only CloudFront, signed as this distribution, may read the bucket.
    stateless.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      }),
    });
    stateless.hasResourceProperties('Custom::ConsolePublication', {
      BucketName: Match.anyValue(),
      Config: { apiUrl: Match.anyValue() },
      BuildHash: Match.stringLikeRegexp('^[0-9a-f]{64,}$'),
    });
  });

  it("publishes the console with a function that may only list, put and delete the console bucket's objects", () => {
    const policies = resources(stateless, 'AWS::IAM::Policy').filter(([id]) => isConsolePublisher(id));
    expect(policies).toHaveLength(1);
    const [[, policy]] = policies as [[string, Resource]];
    const document = policy.Properties?.PolicyDocument as
      | { Statement: Array<{ Action: unknown }> }
      | undefined;
    const statements = document?.Statement ?? [];
    const actions = statements.flatMap(({ Action }) => (Array.isArray(Action) ? Action : [Action])).sort();
    expect(actions).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:DeleteObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
    const [[bucketId]] = resources(stateless, 'AWS::S3::Bucket') as [[string, Resource]];
    for (const statement of statements.filter(({ Action }) => String(Action).startsWith('s3:')))
      expect(JSON.stringify(statement)).toContain(bucketId);
  });

  it("lets browsers call the API from the console's origin only", () => {
    const [[distributionId]] = resources(stateless, 'AWS::CloudFront::Distribution') as [[string, Resource]];
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: Match.arrayWith([
          { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] },
        ]),
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
      }),
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  const nagged = () => {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const defined = defineApp(app, 'dev');
    addNagChecks(app);
    return { app, defined };
  };

  it('finds nothing that is not acknowledged with a reason', () => {
    expect(() => nagged().app.synth()).not.toThrow();
  });

  it('is really checking: an unencrypted queue without a dead-letter queue stops synthesis', () => {
    const { app, defined } = nagged();
    new Queue(defined.stateless, 'CarelessQueue');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });
});
