import { dynamoDbLocalEndpoint } from './dynamodb-local.js';
import { DYNAMODB_ENDPOINT_ENV } from './dynamodb-local-env.js';

describe('DynamoDB Local of the jest run', () => {
  it('gives the global instance to test files through DYNAMODB_ENDPOINT', async () => {
    const endpoint = await dynamoDbLocalEndpoint();
    expect(endpoint).toBe(process.env[DYNAMODB_ENDPOINT_ENV]);
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }, 60_000);
});
