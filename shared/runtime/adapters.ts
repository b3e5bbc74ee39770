import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentSdk, dynamoDbSdk, eventBridgeSdk, once, snsSdk } from '../adapters/aws-sdk.js';
import { DynamoDbBackorderRepository } from '../adapters/dynamodb/dynamodb-backorder-repository.js';
import { DynamoDbInbox } from '../adapters/dynamodb/dynamodb-inbox.js';
import { DynamoDbNotificationClaims } from '../adapters/dynamodb/dynamodb-notification-claims.js';
import { DynamoDbOutbox } from '../adapters/dynamodb/dynamodb-outbox.js';
import { DynamoDbRecipientStore } from '../adapters/dynamodb/dynamodb-recipient-store.js';
import { DynamoDbSweepSource } from '../adapters/dynamodb/dynamodb-sweep-source.js';
import { DynamoDbTenantDirectory } from '../adapters/dynamodb/dynamodb-tenant-directory.js';
import { EVENT_BRIDGE_CLIENT_SETTINGS } from '../adapters/eventbridge/client-settings.js';
import { EventBridgePublisher } from '../adapters/eventbridge/eventbridge-publisher.js';
import { SnsNotifier } from '../adapters/sns/sns-notifier.js';
import { SnsTopicSubscriptions } from '../adapters/sns/sns-topic-subscriptions.js';
import type { EventPublisher } from '../ports/event-publisher.js';
import type { Notifier } from '../ports/notifier.js';
import type { TopicSubscriptions } from '../ports/topic-subscriptions.js';
import { type Clock, systemClock } from '../use-cases/ports.js';
import { publishingAfterCommit } from '../use-cases/publish-events.js';
import { logger } from './observability.js';
import { traceClient } from './tracing/client-tracing.js';

export interface WiringParts {
  documents: DynamoDBDocumentClient;
  tableName: string;
  publisher: EventPublisher;
  /** Only the notifier function has a topic to send to. */
  notifier?: Notifier;
  /** Only the operator API subscribes the tenants' recipients to the topic. */
  subscriptions?: TopicSubscriptions;
  clock?: Clock;
}

/** Every adapter a handler may need, built from the clients it is given. */
export const wireAdapters = ({
  documents,
  tableName,
  publisher,
  notifier,
  subscriptions,
  clock = systemClock,
}: WiringParts) => {
  // One clock for the decisions and the commit's leases, so both agree on what has expired.
  const repository = new DynamoDbBackorderRepository({
    client: documents,
    tableName,
    now: () => Date.parse(clock()),
  });
  const outbox = new DynamoDbOutbox(documents, tableName);
  const publishing = { publisher, outbox, clock };
  return {
    tableName,
    documents,
    repository,
    outbox,
    directory: new DynamoDbTenantDirectory(documents, tableName),
    sweep: new DynamoDbSweepSource(documents, tableName),
    // Every commit publishes its events (runDecision); what fails waits in the outbox for the sweep.
    allocation: {
      repository,
      clock,
      publishing: publishingAfterCommit(publishing, (error) =>
        logger.warn('Publishing deferred to the sweep', { error: error.message }),
      ),
    },
    publishing,
    webhooks: { publisher, outbox, inbox: new DynamoDbInbox(documents, tableName), clock },
    notifications: notifier
      ? { repository, claims: new DynamoDbNotificationClaims(documents, tableName), notifier }
      : undefined,
    recipients: subscriptions
      ? { recipients: new DynamoDbRecipientStore(documents, tableName), subscriptions, clock }
      : undefined,
  };
};

export type Wiring = ReturnType<typeof wireAdapters>;

const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
};

/*
 * The real adapters, built on a function's first call and kept for the container's life. The AWS
 * SDK is imported then (see aws-sdk.ts), and only the clients the function uses: the authorizer
 * reads the table alone, the notifier the table and the topic, the rest the table and the bus.
 * Endpoints come from the standard `AWS_ENDPOINT_URL_*` variables, which the local runtime sets.
 * (`@__PURE__` lets esbuild leave out of a bundle those its function never asks for, and the
 * adapters only they build.)
 */

const documentClient = /* @__PURE__ */ once(async () => {
  const [{ DynamoDBClient }, { DynamoDBDocumentClient }] = await Promise.all([dynamoDbSdk(), documentSdk()]);
  return DynamoDBDocumentClient.from(traceClient(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
});

const eventBridgeClient = /* @__PURE__ */ once(async () => {
  const { EventBridgeClient } = await eventBridgeSdk();
  return traceClient(new EventBridgeClient({ ...EVENT_BRIDGE_CLIENT_SETTINGS }));
});

const snsClient = /* @__PURE__ */ once(async () => {
  const { SNSClient } = await snsSdk();
  return traceClient(new SNSClient({}));
});

/**
 * The table and the bus, and every adapter over them: all functions but the authorizer and the
 * notifier. With `NOTIFICATION_TOPIC_ARN` (the operator API's), the topic's subscriptions too,
 * whose SNS client is loaded only when a recipients route first calls it.
 */
export const deployedAdapters = /* @__PURE__ */ once(async (): Promise<Wiring> => {
  const tableName = requiredEnv('TABLE_NAME');
  const eventBusName = requiredEnv('EVENT_BUS_NAME');
  const topicArn = process.env.NOTIFICATION_TOPIC_ARN;
  const [documents, events] = await Promise.all([documentClient(), eventBridgeClient()]);
  return wireAdapters({
    documents,
    tableName,
    publisher: new EventBridgePublisher(events, eventBusName),
    ...(topicArn ? { subscriptions: new SnsTopicSubscriptions(snsClient, topicArn) } : {}),
  });
});

/** The authorizer's: the tenant directory, over the table. */
export const deployedDirectory = /* @__PURE__ */ once(async () => {
  const tableName = requiredEnv('TABLE_NAME');
  return {
    directory: new DynamoDbTenantDirectory(await documentClient(), tableName),
    allocation: { clock: systemClock },
  };
});

/**
 * NOTIFICATION_LEASE_SECONDS shortens the claims' lease where retries come sooner than on AWS (the
 * local runtime retries seconds apart): a claim left by a crashed delivery must be free by then.
 */
const claimLease = () => {
  const seconds = Number(process.env.NOTIFICATION_LEASE_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? { leaseMs: seconds * 1000 } : {};
};

/** The notifier's: orders and claims in the table, and the topic (none without `NOTIFICATION_TOPIC_ARN`). */
export const deployedNotifications = /* @__PURE__ */ once(
  async (): Promise<Pick<Wiring, 'notifications'>> => {
    const tableName = requiredEnv('TABLE_NAME');
    const topicArn = process.env.NOTIFICATION_TOPIC_ARN;
    if (!topicArn) return { notifications: undefined };
    const [documents, sns] = await Promise.all([documentClient(), snsClient()]);
    return {
      notifications: {
        repository: new DynamoDbBackorderRepository({ client: documents, tableName }),
        claims: new DynamoDbNotificationClaims(documents, tableName, claimLease()),
        notifier: new SnsNotifier(sns, topicArn),
      },
    };
  },
);
