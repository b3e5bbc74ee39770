/**
 * How the process that starts DynamoDB Local (jest's global setup, the bench) announces it to the
 * test code, which runs in other processes: environment variables, inherited by the workers.
 *
 * jest's global setup loads this file as CommonJS by its file name (see global-dynamodb-local.ts),
 * so it must not import other project modules at run time.
 */
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local.js';

export const DYNAMODB_ENDPOINT_ENV = 'DYNAMODB_ENDPOINT';
export const DYNAMODB_LOCAL_PID_ENV = 'DYNAMODB_LOCAL_PID';
export const DYNAMODB_LOCAL_LOG_ENV = 'DYNAMODB_LOCAL_LOG';
/** A scratch folder for this run (the JVM's log, caches), removed when the instance stops. */
export const DYNAMODB_LOCAL_RUN_DIR_ENV = 'DYNAMODB_LOCAL_RUN_DIR';
/** Set instead of the endpoint when DynamoDB Local could not be started (e.g. no Java). */
export const DYNAMODB_LOCAL_ERROR_ENV = 'DYNAMODB_LOCAL_ERROR';

const ENV_NAMES = [
  DYNAMODB_ENDPOINT_ENV,
  DYNAMODB_LOCAL_PID_ENV,
  DYNAMODB_LOCAL_LOG_ENV,
  DYNAMODB_LOCAL_RUN_DIR_ENV,
  DYNAMODB_LOCAL_ERROR_ENV,
] as const;

/** Tells processes started from now on where the instance is. */
export function announceDynamoDbLocal(local: DynamoDbLocal): void {
  process.env[DYNAMODB_ENDPOINT_ENV] = local.endpoint;
  process.env[DYNAMODB_LOCAL_PID_ENV] = String(local.pid);
  process.env[DYNAMODB_LOCAL_LOG_ENV] = local.logFile;
  process.env[DYNAMODB_LOCAL_RUN_DIR_ENV] = local.runDir;
}

/** Withdraws what announceDynamoDbLocal (or a failed start) announced. */
export function forgetDynamoDbLocal(): void {
  for (const name of ENV_NAMES) delete process.env[name];
}
