/**
 * DynamoDB Local for the bench, which runs outside jest: started and stopped here, and announced
 * through the same environment variables as jest's global setup, so `createTestTables` finds it.
 */
import {
  DYNAMODB_ENDPOINT_ENV,
  DYNAMODB_LOCAL_LOG_ENV,
  DYNAMODB_LOCAL_PID_ENV,
  DYNAMODB_LOCAL_RUN_DIR_ENV,
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '../support/dynamodb-local.js';

const ANNOUNCED = [
  DYNAMODB_ENDPOINT_ENV,
  DYNAMODB_LOCAL_PID_ENV,
  DYNAMODB_LOCAL_LOG_ENV,
  DYNAMODB_LOCAL_RUN_DIR_ENV,
] as const;

export const startLocalDatabase = async (): Promise<DynamoDbLocal> => {
  const local = await startDynamoDbLocal();
  process.env[DYNAMODB_ENDPOINT_ENV] = local.endpoint;
  process.env[DYNAMODB_LOCAL_PID_ENV] = String(local.pid);
  process.env[DYNAMODB_LOCAL_LOG_ENV] = local.logFile;
  process.env[DYNAMODB_LOCAL_RUN_DIR_ENV] = local.runDir;
  return local;
};

export const stopLocalDatabase = async (local: DynamoDbLocal): Promise<void> => {
  for (const name of ANNOUNCED) delete process.env[name];
  await local.stop();
};
