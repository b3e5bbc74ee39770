/** jest global setup: starts DynamoDB Local for the run (see dynamodb-local.ts). */

// jest loads its global setup and teardown as CommonJS, through its transform but without
// jest.config.js's `.js` → `.ts` module mapping, so the sibling module is loaded by its file name.
const { startGlobalDynamoDbLocal } = require('./dynamodb-local.ts') as typeof import('./dynamodb-local.js');

export default async function globalSetup(): Promise<void> {
  await startGlobalDynamoDbLocal();
}
