/**
 * `npm start`: the service on this machine, with no AWS account and no Docker.
 * `npm start -- --fresh` starts with no data. PORT (default 3000; 0 picks a free one, which the
 * lock file `<data folder>/runtime.lock` names), LOCAL_DATA_DIR (default `.local`), DEMO_API_KEY
 * and DEMO_*_SECRET are read from the environment; POWERTOOLS_LOG_LEVEL, when set, overrides the
 * functions' level from the template (e.g. ERROR for a quiet terminal).
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_SERVICE_NAME ??= 'backorder-service';

const { startRuntime } = await import('./runtime.js');

const fresh = process.argv.slice(2).includes('--fresh');
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT must be a port number, not ${process.env.PORT}\n`);
  process.exit(1);
}

const started = Date.now();
const logLevel = process.env.POWERTOOLS_LOG_LEVEL;
let runtime: Awaited<ReturnType<typeof startRuntime>>;
try {
  runtime = await startRuntime({
    fresh,
    port,
    ...(process.env.LOCAL_DATA_DIR ? { dataDir: process.env.LOCAL_DATA_DIR } : {}),
    ...(logLevel ? { functionEnv: { POWERTOOLS_LOG_LEVEL: logLevel } } : {}),
  });
} catch (error) {
  process.stderr.write(`Could not start the local runtime: ${(error as Error).message}\n`);
  process.exit(1);
}

const { demoTenant } = runtime;
process.stdout.write(
  [
    '',
    `Backorder service running at ${runtime.baseUrl} (up in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  Demo tenant:      ${demoTenant.tenantId}${runtime.demoTenantCreated ? ' (created)' : ''}`,
    `  API key:          ${demoTenant.apiKey}   (Authorization: Bearer ${demoTenant.apiKey})`,
    `  Webhook secrets:  shopify=${demoTenant.webhookSecrets.shopify} woocommerce=${demoTenant.webhookSecrets.woocommerce} orders=${demoTenant.webhookSecrets.orders}`,
    `  Console:          ${runtime.baseUrl}/ (sign in with the demo API key)`,
    `  Webhooks:         ${runtime.baseUrl}/webhooks/${demoTenant.tenantId}/{shopify|woocommerce|orders}`,
    `  Outbox:           ${runtime.outboxDir}`,
    `  Dead letters:     ${runtime.deadLettersDir}`,
    `  AWS endpoints:    DynamoDB ${runtime.dynamoDbEndpoint}, EventBridge and SNS ${runtime.awsEndpoint}`,
    `  Data:             ${runtime.dataDir} (npm start -- --fresh starts empty; held by its runtime.lock)`,
    '  Sweep now:        npm run -s local -- sweep',
    '  Stop:             Ctrl-C',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping...\n`);
  runtime.stop().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`Stopping failed: ${error.message}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
