import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbBackorderRepository } from '../adapters/dynamodb/dynamodb-backorder-repository.js';
import { DynamoDbOutbox } from '../adapters/dynamodb/dynamodb-outbox.js';
import { DynamoDbTenantDirectory } from '../adapters/dynamodb/dynamodb-tenant-directory.js';
import { EventBridgePublisher } from '../adapters/eventbridge/eventbridge-publisher.js';
import { systemClock } from '../use-cases/ports.js';
import { tracer } from './observability.js';

const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
};

let wired: ReturnType<typeof wire> | undefined;

/**
 * The real adapters, created once per container on first use (endpoints come from the standard
 * `AWS_ENDPOINT_URL_*` variables, which the local runtime sets).
 */
export const adapters = () => {
  wired ??= wire();
  return wired;
};

const wire = () => {
  const tableName = requiredEnv('TABLE_NAME');
  const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({}));
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const repository = new DynamoDbBackorderRepository({ client: documents, tableName });
  const outbox = new DynamoDbOutbox(documents, tableName);
  const directory = new DynamoDbTenantDirectory(documents, tableName);
  const publisher = new EventBridgePublisher(
    tracer.captureAWSv3Client(new EventBridgeClient({})),
    requiredEnv('EVENT_BUS_NAME'),
  );
  const clock = systemClock;
  return {
    tableName,
    documents,
    repository,
    outbox,
    directory,
    allocation: { repository, clock },
    publishing: { publisher, outbox, clock },
  };
};
