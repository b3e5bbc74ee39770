/** What the local runtime reads from the synthesized template, and what it refuses to serve. */
import { describe, expect, test } from '@jest/globals';
import { asyncInvokeConfigs } from '../../../../infra/local/runtime/async-invoker.js';
import { busNames, eventRules } from '../../../../infra/local/runtime/event-rules.js';
import { functionResources } from '../../../../infra/local/runtime/function-resources.js';
import { httpRoutes } from '../../../../infra/local/runtime/http-routes.js';
import { queueConsumers } from '../../../../infra/local/runtime/queues.js';
import { rateMs, schedules } from '../../../../infra/local/runtime/schedules.js';
import { OUTBOX_EMAIL, topicSubscriptions } from '../../../../infra/local/runtime/subscriptions.js';
import { type AppTemplate, synthesizeAppTemplate } from '../../../../infra/local/runtime/template.js';
import { API_ROUTES } from '../../../../shared/api/route-table.js';

const template = await synthesizeAppTemplate();
const functions = functionResources(template);

describe('the synthesized template', () => {
  test('maps every Lambda function to its folder', () => {
    expect(new Set(functions.values()).size).toBe(functions.size);
    expect([...functions.values()]).toEqual(expect.arrayContaining(['webhooks', 'allocator', 'sweep']));
  });

  test('serves exactly the route table, the authorizer on API-key routes', () => {
    const routes = httpRoutes(template, functions);
    expect(routes.map((route) => route.routeKey).sort()).toEqual(
      API_ROUTES.map((route) => `${route.method} ${route.path}`).sort(),
    );
    const receipts = routes.find((route) => route.routeKey === 'POST /stock/receipts');
    expect(receipts).toMatchObject({ function: 'warehouse-api', authorizer: 'authorizer' });
    const webhook = routes.find((route) => route.routeKey === 'POST /webhooks/{tenantId}/shopify');
    expect(webhook?.authorizer).toBeUndefined();
  });

  test("routes the service bus only, with each target's dead-letter queue", () => {
    expect(busNames(template)).toEqual(['default', 'backorder-dev']);
    const rules = eventRules(template, functions);
    expect(new Set(rules.map((rule) => rule.busName))).toEqual(new Set(['backorder-dev']));
    for (const target of rules.flatMap((rule) => rule.targets))
      expect(target).toMatchObject({
        retryAttempts: 8,
        deadLetterQueueId: expect.stringMatching(/^DeadLetterQueues/),
      });
  });

  test("runs Lambda targets with their EventInvokeConfig's retries and on-failure queue", () => {
    const configs = asyncInvokeConfigs(template, functions);
    for (const name of ['notifier', 'events', 'sweep'] as const) {
      expect(configs.get(name)).toEqual({ retries: 2, onFailureQueueId: expect.any(String) });
    }
    expect(configs.get('notifier')?.onFailureQueueId).not.toBe(configs.get('events')?.onFailureQueueId);
  });

  test('gives a topic without subscribers the local outbox subscriber', () => {
    const topics = topicSubscriptions(template);
    const notifications = topics.get('arn:aws:sns:us-east-1:000000000000:MessagingNotifications826CCE61');
    expect(notifications?.map((s) => s.endpoint)).toContain(OUTBOX_EMAIL);
  });

  test('sends Order Received to the allocator queue, and its consumer batches as the mapping says', () => {
    const rules = eventRules(template, functions);
    const envelope = { source: 'backorder.service', 'detail-type': 'Order Received', detail: {} };
    const targets = rules.filter((rule) => rule.pattern.matches(envelope)).flatMap((rule) => rule.targets);
    expect(targets).toEqual([expect.objectContaining({ kind: 'sqs' })]);
    const queueId = (targets[0] as { queueId: string }).queueId;
    expect(queueConsumers(template, functions).get(queueId)).toMatchObject({
      function: 'allocator',
      batchSize: 100,
      batchWindowMs: 1_000,
      reportsItemFailures: true,
      maxReceiveCount: 5,
      deadLetterQueueId: expect.stringMatching(/^DeadLetterQueuesallocator/),
    });
  });

  test('runs the sweep on the schedule rate', () => {
    expect(schedules(template, functions)).toEqual([
      expect.objectContaining({ function: 'sweep', everyMs: 5 * 60_000 }),
    ]);
    expect(rateMs('rate(1 hour)')).toBe(3_600_000);
    expect(rateMs('cron(0 * * * ? *)')).toBeUndefined();
  });

  test('refuses a route it cannot serve, naming the resource', () => {
    const resources = new Map(template.resources);
    resources.set('ExtraRoute', {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { RouteKey: 'ANY /{proxy+}', Target: 'integrations/x' },
    });
    const changed: AppTemplate = { ...template, resources };
    expect(() => httpRoutes(changed, functions)).toThrow(/ExtraRoute/);
  });

  test('refuses a subscription it cannot deliver, naming the resource', () => {
    const resources = new Map(template.resources);
    resources.set('QueueSubscription', {
      Type: 'AWS::SNS::Subscription',
      Properties: { Protocol: 'sqs', Endpoint: 'x', TopicArn: { Ref: 'MessagingNotifications826CCE61' } },
    });
    expect(() => topicSubscriptions({ ...template, resources })).toThrow(
      'Template resource QueueSubscription: has protocol sqs, which is not delivered locally',
    );
  });
});
