import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbBackorderRepository } from '../adapters/dynamodb/dynamodb-backorder-repository.js';
import { DynamoDbNotificationClaims } from '../adapters/dynamodb/dynamodb-notification-claims.js';
import { DynamoDbOutbox } from '../adapters/dynamodb/dynamodb-outbox.js';
import { DynamoDbSweepSource } from '../adapters/dynamodb/dynamodb-sweep-source.js';
import { DynamoDbTenantDirectory } from '../adapters/dynamodb/dynamodb-tenant-directory.js';
import { EventBridgePublisher } from '../adapters/eventbridge/eventbridge-publisher.js';
import { SnsNotifier } from '../adapters/sns/sns-notifier.js';
import type { EventPublisher } from '../ports/event-publisher.js';
import type { Notifier } from '../ports/notifier.js';
import { type Clock, systemClock } from '../use-cases/ports.js';
import { tracer } from './observability.js';

export interface WiringParts {
  documents: DynamoDBDocumentClient;
  tableName: string;
  publisher: EventPublisher;
  /** Only the notifier function has a topic to send to. */
  notifier?: Notifier;
  clock?: Clock;
}

/** Every adapter a handler may need, built from the clients it is given. */
export const wireAdapters = ({
  documents,
  tableName,
  publisher,
  notifier,
  clock = systemClock,
}: WiringParts) => {
  const repository = new DynamoDbBackorderRepository({ client: documents, tableName });
  const outbox = new DynamoDbOutbox(documents, tableName);
  return {
    tableName,
    documents,
    repository,
    outbox,
    directory: new DynamoDbTenantDirectory(documents, tableName),
    sweep: new DynamoDbSweepSource(documents, tableName),
    allocation: { repository, clock },
    publishing: { publisher, outbox, clock },
    webhooks: { publisher, outbox, inbox: outbox, clock },
    notifications: notifier
      ? { repository, claims: new DynamoDbNotificationClaims(documents, tableName), notifier }
      : undefined,
  };
};

export type Wiring = ReturnType<typeof wireAdapters>;

const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
};

let wired: Wiring | undefined;

/**
 * The real adapters, created once per container on first use. Endpoints come from the standard
 * `AWS_ENDPOINT_URL_*` variables, which the local runtime sets.
 */
export const adapters = (): Wiring => {
  wired ??= wireAdapters({
    documents: DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    tableName: requiredEnv('TABLE_NAME'),
    publisher: new EventBridgePublisher(
      tracer.captureAWSv3Client(new EventBridgeClient({})),
      requiredEnv('EVENT_BUS_NAME'),
    ),
    ...(process.env.NOTIFICATION_TOPIC_ARN
      ? {
          notifier: new SnsNotifier(
            tracer.captureAWSv3Client(new SNSClient({})),
            process.env.NOTIFICATION_TOPIC_ARN,
          ),
        }
      : {}),
  });
  return wired;
};
