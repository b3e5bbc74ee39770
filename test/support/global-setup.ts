/** jest global setup: starts DynamoDB Local for the run (see global-dynamodb-local.ts). */

// jest loads this file as CommonJS, without the `.js` → `.ts` mapping: see global-dynamodb-local.ts.
const { startGlobalDynamoDbLocal } =
  require('./global-dynamodb-local.ts') as typeof import('./global-dynamodb-local.js');

export default async function globalSetup(): Promise<void> {
  await startGlobalDynamoDbLocal();
}
