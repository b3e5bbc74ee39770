/** jest global teardown: stops the DynamoDB Local that global-setup.ts started. */

// Loaded as CommonJS by jest, like global-setup.ts: see global-dynamodb-local.ts.
const { stopGlobalDynamoDbLocal } =
  require('./global-dynamodb-local.ts') as typeof import('./global-dynamodb-local.js');

export default async function globalTeardown(): Promise<void> {
  await stopGlobalDynamoDbLocal();
}
