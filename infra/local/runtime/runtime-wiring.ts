/**
 * The adapters a function builds from its environment (shared/runtime/adapters.ts), built here in
 * the runtime's own process from the same resolved template environment and pointed at the same
 * local endpoints: for setting up data around the service (tenants, fixtures) as a function would.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventBridgePublisher } from '../../../shared/adapters/eventbridge/eventbridge-publisher.js';
import { SnsNotifier } from '../../../shared/adapters/sns/sns-notifier.js';
import { SnsTopicSubscriptions } from '../../../shared/adapters/sns/sns-topic-subscriptions.js';
import { type Wiring, wireAdapters } from '../../../shared/runtime/adapters.js';
import type { FunctionName } from '../../stateless/service-function.js';
import type { FunctionBundle } from './function-bundles.js';
import { LOCAL_REGION } from './local-account.js';

export interface LocalClients {
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly eventBridge: EventBridgeClient;
  readonly sns: SNSClient;
  destroy(): void;
}

/** An SDK client's configuration for a local endpoint: the local region, dummy credentials. */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: LOCAL_REGION,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

export function localClients(dynamoDbEndpoint: string, awsEndpoint: string): LocalClients {
  const dynamodb = new DynamoDBClient(localClientConfig(dynamoDbEndpoint));
  const eventBridge = new EventBridgeClient(localClientConfig(awsEndpoint));
  const sns = new SNSClient(localClientConfig(awsEndpoint));
  return {
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    eventBridge,
    sns,
    destroy: () => {
      for (const client of [dynamodb, eventBridge, sns]) client.destroy();
    },
  };
}

/** `wiring(name)`: the adapters of the function `name`, from its template environment. */
export function wiringFor(
  bundles: ReadonlyMap<FunctionName, FunctionBundle>,
  clients: LocalClients,
): (name: FunctionName) => Wiring {
  const wired = new Map<FunctionName, Wiring>();
  return (name) => {
    const known = wired.get(name);
    if (known) return known;
    const bundle = bundles.get(name);
    if (!bundle) throw new Error(`The template defines no Lambda function for functions/${name}`);
    const { TABLE_NAME, EVENT_BUS_NAME, NOTIFICATION_TOPIC_ARN } = bundle.environment;
    if (!TABLE_NAME || !EVENT_BUS_NAME)
      throw new Error(`${bundle.logicalId} has no TABLE_NAME or EVENT_BUS_NAME in its environment`);
    const wiring = wireAdapters({
      documents: clients.documents,
      tableName: TABLE_NAME,
      publisher: new EventBridgePublisher(clients.eventBridge, EVENT_BUS_NAME),
      ...(NOTIFICATION_TOPIC_ARN
        ? {
            notifier: new SnsNotifier(clients.sns, NOTIFICATION_TOPIC_ARN),
            subscriptions: new SnsTopicSubscriptions(async () => clients.sns, NOTIFICATION_TOPIC_ARN),
          }
        : {}),
    });
    wired.set(name, wiring);
    return wiring;
  };
}
