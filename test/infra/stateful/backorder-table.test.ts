import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { defineApp } from '../../../infra/define-app.js';
import { StatefulStack } from '../../../infra/stateful/stateful-stack.js';
import { synthesizeTemplates } from '../../../infra/template/synth.js';
import {
  IndexKeys,
  TABLE_LOGICAL_ID,
  TableIndex,
  TTL_ATTRIBUTE,
} from '../../../shared/adapters/dynamodb/table-schema.js';

const TABLE_TYPE = 'AWS::DynamoDB::GlobalTable';

let template: Template;
let stack: StatefulStack;

beforeAll(() => {
  const app = new App({
    analyticsReporting: false,
    stackTraces: false,
    builtinCloudFormationValidation: false,
  });
  stack = new StatefulStack(app, 'Backorder-test-Stateful', { stage: 'test' });
  template = Template.fromStack(stack);
}, 60_000);

const keySchema = (hash: string, range: string) => [
  { AttributeName: hash, KeyType: 'HASH' },
  { AttributeName: range, KeyType: 'RANGE' },
];

describe('BackorderTable', () => {
  it('is the one table of the stateful stack, with a fixed logical id', () => {
    template.resourceCountIs(TABLE_TYPE, 1);
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    expect(Object.keys(template.findResources(TABLE_TYPE))).toEqual([TABLE_LOGICAL_ID]);
  });

  it('has string keys pk/sk and on-demand billing', () => {
    template.hasResourceProperties(TABLE_TYPE, {
      KeySchema: keySchema('pk', 'sk'),
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
    });
  });

  it('has the four GSIs, projecting all attributes, on string keys', () => {
    const expected = [
      {
        IndexName: 'waiting',
        KeySchema: keySchema('waitPk', 'waitSk'),
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'byStatus',
        KeySchema: keySchema('statusPk', 'statusSk'),
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'outbox',
        KeySchema: keySchema('outboxPk', 'outboxSk'),
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'timers',
        KeySchema: keySchema('timerPk', 'timerSk'),
        Projection: { ProjectionType: 'ALL' },
      },
    ];
    template.hasResourceProperties(TABLE_TYPE, { GlobalSecondaryIndexes: expected });

    const attributes = ['pk', 'sk', ...Object.values(IndexKeys).flatMap((k) => [k.partitionKey, k.sortKey])];
    template.hasResourceProperties(TABLE_TYPE, {
      AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    });
  });

  it('takes index and attribute names from the shared schema module', () => {
    expect(Object.values(TableIndex)).toEqual(['waiting', 'byStatus', 'outbox', 'timers']);
    expect(IndexKeys.waiting).toEqual({ partitionKey: 'waitPk', sortKey: 'waitSk' });
    expect(TTL_ATTRIBUTE).toBe('expiresAt');
  });

  it('has point-in-time recovery and deletion protection on every replica', () => {
    const [table] = Object.values(template.findResources(TABLE_TYPE));
    const replicas = table?.Properties.Replicas as Record<string, unknown>[];
    expect(replicas.length).toBeGreaterThan(0);
    for (const replica of replicas) {
      expect(replica).toMatchObject({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    }
  });

  it('expires items by the expiresAt TTL attribute', () => {
    template.hasResourceProperties(TABLE_TYPE, {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('is encrypted with the AWS-managed KMS key (no customer key)', () => {
    template.hasResourceProperties(TABLE_TYPE, { SSESpecification: { SSEEnabled: true, SSEType: 'KMS' } });
    template.resourceCountIs('AWS::KMS::Key', 0);
    const [table] = Object.values(template.findResources(TABLE_TYPE));
    for (const replica of (table?.Properties.Replicas ?? []) as Record<string, unknown>[]) {
      expect(replica.SSESpecification).toBeUndefined();
    }
  });

  it('is retained when removed from the stack or replaced', () => {
    template.hasResource(TABLE_TYPE, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('StatefulStack', () => {
  it('has termination protection and exposes the table', () => {
    expect(stack.terminationProtection).toBe(true);
    expect(stack.resources.table.tableName).toBeDefined();
  });
});

describe('the app', () => {
  const appWith = (context: Record<string, unknown>) =>
    new App({ context, analyticsReporting: false, builtinCloudFormationValidation: false });

  it('names its stacks by the stage from context, dev by default, environment-agnostic', () => {
    expect(defineApp(appWith({})).stateful.stackName).toBe('Backorder-dev-Stateful');
    const prod = defineApp(appWith({ stage: 'prod' })).stateful;
    expect(prod.stackName).toBe('Backorder-prod-Stateful');
    expect(prod.environment).toBe('aws://unknown-account/unknown-region');
    const pinned = defineApp(
      appWith({ stage: 'prod', account: '123456789012', region: 'eu-west-1' }),
    ).stateful;
    expect(pinned.environment).toBe('aws://123456789012/eu-west-1');
  });

  it('refuses a stage name that cannot name a stack', () => {
    expect(() => defineApp(appWith({ stage: 'Prod env' }))).toThrow(/Invalid stage "Prod env"/);
  });

  it("passes the CloudFormation validation that cdk synth runs, with cdk.json's feature flags", () => {
    const templates = synthesizeTemplates({ stage: 'prod', cloudFormationValidation: true });
    expect(Object.keys(templates).sort()).toEqual(['Backorder-prod-Stateful', 'Backorder-prod-Stateless']);
  }, 60_000);
});
