/** jest global teardown: stops the DynamoDB Local that global-setup.ts started. */

// Loaded as CommonJS by jest, like global-setup.ts: see there.
const { stopGlobalDynamoDbLocal } = require('./dynamodb-local.ts') as typeof import('./dynamodb-local.js');

export default async function globalTeardown(): Promise<void> {
  await stopGlobalDynamoDbLocal();
}
