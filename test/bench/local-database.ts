/**
 * DynamoDB Local for the bench, which runs outside jest: started and stopped here, and announced
 * through the same environment variables as jest's global setup, so `createTestTables` finds it.
 */
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { announceDynamoDbLocal, forgetDynamoDbLocal } from '../support/dynamodb-local-env.js';

export const startLocalDatabase = async (): Promise<DynamoDbLocal> => {
  const local = await startDynamoDbLocal();
  announceDynamoDbLocal(local);
  return local;
};

export const stopLocalDatabase = async (local: DynamoDbLocal): Promise<void> => {
  forgetDynamoDbLocal();
  await local.stop();
};
