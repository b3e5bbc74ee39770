/**
 * jest runs TypeScript as native ESM (middy is ESM-only), transpiled by swc.
 * The global setup starts DynamoDB Local (without waiting for it) and passes its endpoint to
 * test files as DYNAMODB_ENDPOINT; test/support/tables.ts gives a test file its own tables.
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Persistence tests talk to DynamoDB Local, which is slower than the service it stands in for.
  testTimeout: 30_000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/test-environment.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
};
