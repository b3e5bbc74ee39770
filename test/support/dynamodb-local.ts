/**
 * DynamoDB Local for test files: the instance that jest's global setup started (see
 * global-dynamodb-local.ts) and announced through the environment (see dynamodb-local-env.ts).
 */
import { waitForDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import {
  DYNAMODB_ENDPOINT_ENV,
  DYNAMODB_LOCAL_ERROR_ENV,
  DYNAMODB_LOCAL_LOG_ENV,
  DYNAMODB_LOCAL_PID_ENV,
} from './dynamodb-local-env.js';

/** Waits until the run's instance answers and returns its endpoint, or throws why it is not running. */
export async function dynamoDbLocalEndpoint(timeoutMs?: number): Promise<string> {
  const endpoint = process.env[DYNAMODB_ENDPOINT_ENV];
  if (!endpoint) {
    const reason = process.env[DYNAMODB_LOCAL_ERROR_ENV];
    throw new Error(
      reason
        ? `DynamoDB Local is not running: ${reason}`
        : `DynamoDB Local is not running: ${DYNAMODB_ENDPOINT_ENV} is not set (run the tests with npm run jest, ` +
            'whose global setup starts it)',
    );
  }
  const pidText = process.env[DYNAMODB_LOCAL_PID_ENV];
  const logFile = process.env[DYNAMODB_LOCAL_LOG_ENV];
  await waitForDynamoDbLocal(endpoint, {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(pidText ? { pid: Number(pidText) } : {}),
    ...(logFile ? { logFile } : {}),
  });
  return endpoint;
}
