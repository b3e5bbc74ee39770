import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TableIndex } from '../../shared/adapters/dynamodb/table-schema.js';
import type { StatefulResources } from '../stateful/stateful-stack.js';
import { FUNCTION_NAMES, type FunctionName, ServiceFunction } from './service-function.js';
import { PARTITIONS, type PartitionPattern, TABLE_READS, TABLE_WRITES } from './table-access.js';

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
/** What the recipients routes call on the notification topic, and nothing else on SNS. */
export const RECIPIENT_SUBSCRIPTION_ACTIONS = [
  'sns:Subscribe',
  'sns:Unsubscribe',
  'sns:GetSubscriptionAttributes',
  'sns:ListSubscriptionsByTopic',
] as const;

const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * One function per handler, each granted only what it uses: the table's data actions on the table
 * and its named indexes (no scans), publishing to the bus, publishing to the topic.
 */
export class ServiceFunctions extends Construct {
  readonly byName: Record<FunctionName, NodejsFunction>;

  constructor(
    scope: Construct,
    id: string,
    props: { resources: StatefulResources; logRetention: RetentionDays },
  ) {
    super(scope, id);
    const { table, bus, topic } = props.resources;
    const environment = { TABLE_NAME: table.tableName, EVENT_BUS_NAME: bus.eventBusName };
    const make = (name: FunctionName, extra: Record<string, string> = {}, timeout?: Duration) =>
      new ServiceFunction(this, name, {
        name,
        logRetention: props.logRetention,
        environment: { ...environment, ...extra },
        ...(timeout ? { timeout } : {}),
      }).fn;

    this.byName = Object.fromEntries(
      FUNCTION_NAMES.map((name) => {
        switch (name) {
          case 'notifier':
          case 'operator-api':
            return [name, make(name, { NOTIFICATION_TOPIC_ARN: topic.topicArn })];
          case 'sweep':
            return [name, make(name, {}, Duration.minutes(5))];
          case 'allocator':
            return [name, make(name, {}, Duration.minutes(1))];
          default:
            return [name, make(name)];
        }
      }),
    ) as Record<FunctionName, NodejsFunction>;

    // The table and its named indexes, never `index/*`.
    const tableResources = [
      table.tableArn,
      ...Object.values(TableIndex).map((index) => `${table.tableArn}/index/${index}`),
    ];
    const grantTable = (fn: NodejsFunction, actions: readonly string[]) =>
      fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: tableResources }));
    // Patterns with a `notLike` get a statement each, since that guard must bind its own `like` only.
    const grantPartitions = (
      fn: NodejsFunction,
      actions: readonly string[],
      partitions: readonly (keyof typeof PARTITIONS)[],
    ) => {
      const patterns: PartitionPattern[] = partitions.map((name) => PARTITIONS[name]);
      const plain = patterns.filter((pattern) => !pattern.notLike).map((pattern) => pattern.like);
      const guarded = patterns.filter((pattern) => pattern.notLike);
      const statement = (like: string[], notLike?: string) =>
        new PolicyStatement({
          actions: [...actions],
          resources: tableResources,
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': like },
            ...(notLike ? { 'ForAllValues:StringNotLike': { 'dynamodb:LeadingKeys': [notLike] } } : {}),
          },
        });
      if (plain.length > 0) fn.addToRolePolicy(statement(plain));
      for (const { like, notLike } of guarded) fn.addToRolePolicy(statement([like], notLike));
    };

    const { authorizer, notifier, ...writers } = this.byName;
    grantTable(authorizer, TABLE_READ);
    grantTable(notifier, TABLE_READ);
    grantPartitions(notifier, TABLE_WRITE, TABLE_WRITES.notifier);
    // The topic uses the AWS-managed SNS key, whose key policy already lets SNS use it for callers
    // in the account: the notifier needs sns:Publish on this topic and nothing on KMS.
    notifier.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
    // The operator API subscribes the tenants' recipients (DESIGN §13), to this topic only; it
    // publishes nothing. (The notifier, which publishes, subscribes nothing.)
    writers['operator-api'].addToRolePolicy(
      new PolicyStatement({ actions: [...RECIPIENT_SUBSCRIPTION_ACTIONS], resources: [topic.topicArn] }),
    );

    // Each writes only the partitions it owns (table-access.ts); the webhook function reads only
    // its own too.
    for (const [name, fn] of Object.entries(writers) as Array<[keyof typeof writers, NodejsFunction]>) {
      const reads = TABLE_READS[name];
      if (reads) grantPartitions(fn, TABLE_READ, reads);
      else grantTable(fn, TABLE_READ);
      grantPartitions(fn, TABLE_WRITE, TABLE_WRITES[name]);
      bus.grantPutEventsTo(fn);
    }
  }
}
