/**
 * The DynamoDB Local of a jest run: jest's global setup starts it without waiting (pure test files
 * don't pay for the JVM's start-up), test files that use it wait until it answers (see
 * dynamodb-local.ts), and the global teardown stops it.
 *
 * jest loads its global setup and teardown, and what they require, as CommonJS, through its
 * transform but without jest.config.js's `.js` → `.ts` module mapping: so the modules are
 * required here by their file names, and must themselves import, at run time, only Node's built-ins.
 */
type Launcher = typeof import('../../infra/local/dynamodb-local.js');
type Announcement = typeof import('./dynamodb-local-env.js');
const { startDynamoDbLocal } = require('../../infra/local/dynamodb-local.ts') as Launcher;
const { DYNAMODB_LOCAL_ERROR_ENV, announceDynamoDbLocal, forgetDynamoDbLocal } =
  require('./dynamodb-local-env.ts') as Announcement;

/** Where the global setup keeps its instance for the global teardown (same process). */
const GLOBAL_KEY = Symbol.for('backorder.test.dynamoDbLocal');
type GlobalWithDynamoDbLocal = typeof globalThis & {
  [GLOBAL_KEY]?: Awaited<ReturnType<Launcher['startDynamoDbLocal']>>;
};

/**
 * Starts DynamoDB Local without waiting for it, and hands it to the test files (separate worker
 * processes) through environment variables. If it cannot be started (no Java), pure test files
 * still run, and the ones that need it fail with the reason.
 */
export async function startGlobalDynamoDbLocal(): Promise<void> {
  // In watch mode this runs again in the same process: forget the previous run's instance.
  forgetDynamoDbLocal();
  try {
    const local = await startDynamoDbLocal({ waitUntilReady: false });
    (globalThis as GlobalWithDynamoDbLocal)[GLOBAL_KEY] = local;
    announceDynamoDbLocal(local);
  } catch (error) {
    const message = (error as Error).message;
    process.env[DYNAMODB_LOCAL_ERROR_ENV] = message;
    process.stderr.write(`\nWarning: ${message}\nTests that need DynamoDB Local will fail.\n`);
  }
}

/** Stops what startGlobalDynamoDbLocal started. */
export async function stopGlobalDynamoDbLocal(): Promise<void> {
  const holder = globalThis as GlobalWithDynamoDbLocal;
  const local = holder[GLOBAL_KEY];
  delete holder[GLOBAL_KEY];
  forgetDynamoDbLocal();
  await local?.stop();
}
