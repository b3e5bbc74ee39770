/**
 * Where a campaign runs: DynamoDB Local, the local EventBridge and SNS endpoints in this process,
 * and SDK clients to them that all go through one fault injector. Each run gets its own copy of
 * the template's tables and builds the functions' handlers with their real adapters on them, as a
 * fresh Lambda container would (`processes`); the bus and the topic hand what they receive to the
 * run's platform (platform.ts) and its list of notifications.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsEndpoints, startAwsEndpoints } from '../../infra/local/runtime/aws-endpoints.js';
import { type EventEnvelope, LocalEventBus } from '../../infra/local/runtime/event-bus.js';
import type { EventRule } from '../../infra/local/runtime/event-rules.js';
import { Outbox } from '../../infra/local/runtime/outbox.js';
import { localClientConfig } from '../../infra/local/runtime/runtime-wiring.js';
import { type PublishedMessage, TopicDelivery } from '../../infra/local/runtime/topic-delivery.js';
import { dynamoDbLocalEndpoint } from '../support/dynamodb-local.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../support/tables.js';
import { AwsFaults } from './aws-faults.js';

export const BUS_NAME = 'faults-bus';
export const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:FaultCampaignNotifications';

/** What the bus and topic received, for the run in progress. */
export interface Sinks {
  onEvent(envelope: EventEnvelope): void;
  onMessage(message: PublishedMessage): void;
}

class RecordingTopic extends TopicDelivery {
  constructor(
    outbox: Outbox,
    private readonly sinks: () => Sinks,
  ) {
    super(new Map([[TOPIC_ARN, []]]), outbox, () => undefined);
  }

  override deliver(message: PublishedMessage): void {
    this.sinks().onMessage(message);
  }
}

export interface World {
  readonly faults: AwsFaults;
  readonly dynamoDbEndpoint: string;
  readonly documents: DynamoDBDocumentClient;
  readonly eventBridge: EventBridgeClient;
  readonly sns: SNSClient;
  /** Points the bus and the topic at a run. */
  setSinks(sinks: Sinks): void;
  close(): Promise<void>;
}

const quiet: Sinks = { onEvent: () => undefined, onMessage: () => undefined };

export async function openWorld(): Promise<World> {
  const dynamoDbEndpoint = await dynamoDbLocalEndpoint();
  let sinks: Sinks = quiet;
  const everything = { matches: () => true } as unknown as EventRule['pattern'];
  const rule = {
    logicalId: 'Everything',
    busName: BUS_NAME,
    pattern: everything,
    targets: [{ kind: 'lambda', function: 'events', id: 'campaign', retryAttempts: 0 }],
  } as unknown as EventRule;
  const bus = new LocalEventBus(BUS_NAME, [rule], {
    invokeAsync: async (_fn, envelope) => sinks.onEvent(envelope),
    sendToQueue: async (_queue, body) => sinks.onEvent(JSON.parse(body) as EventEnvelope),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'fault-campaign-'));
  const topic = new RecordingTopic(new Outbox(join(dataDir, 'outbox')), () => sinks);
  const endpoints: AwsEndpoints = await startAwsEndpoints(new Map([[BUS_NAME, bus]]), topic, () => undefined);
  const faults = new AwsFaults();
  // The test tables' region and credentials: DynamoDB Local keeps tables apart by both.
  const dynamodb = new DynamoDBClient({
    endpoint: dynamoDbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const eventBridge = new EventBridgeClient({ ...localClientConfig(endpoints.url), maxAttempts: 1 });
  const sns = new SNSClient({ ...localClientConfig(endpoints.url), maxAttempts: 1 });
  faults.attach(dynamodb, 'dynamodb');
  faults.attach(eventBridge, 'eventbridge');
  faults.attach(sns, 'sns');
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    faults,
    dynamoDbEndpoint,
    documents,
    eventBridge,
    sns,
    setSinks: (next) => {
      sinks = next;
    },
    close: async () => {
      for (const client of [dynamodb, eventBridge, sns]) client.destroy();
      await endpoints.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
