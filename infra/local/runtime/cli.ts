/**
 * `npm run -s local -- sweep`: runs the sweep now. Asks the running service (PORT, default 3000)
 * when there is one; otherwise runs it against the data folder's DynamoDB Local directly.
 * `npm run -s local -- test-event-pattern | test-filter-policy ...`: the local EventBridge and SNS
 * matchers (see infra/local/matcher-cli/).
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const [command, ...commandArgs] = process.argv.slice(2);
const matchers = await import('../matcher-cli/run-matcher-command.js');
if (matchers.isMatcherCommand(command)) {
  const exitCode = matchers.runMatcherCommand(command, commandArgs, process);
  // Exiting at once could drop output a pipe has not taken yet: exit once both streams are flushed.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((done) => s.write('', done))));
  process.exit(exitCode);
}
if (command !== 'sweep') {
  process.stderr.write(`Usage: npm run -s local -- sweep\n${matchers.MATCHER_USAGE}\n`);
  process.exit(2);
}

const port = Number(process.env.PORT ?? 3000);
const { SWEEP_PATH } = await import('./http-server.js');

const viaServer = async (): Promise<unknown | undefined> => {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${SWEEP_PATH}`, {
      method: 'POST',
      signal: AbortSignal.timeout(60_000),
    });
    if (!response.ok)
      throw new Error(`the service answered HTTP ${response.status}: ${await response.text()}`);
    return await response.json();
  } catch (error) {
    const code = (error as Error & { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') return undefined;
    throw error;
  }
};

try {
  let report = await viaServer();
  if (report === undefined) {
    process.stderr.write(`No service on port ${port}: running the sweep against .local directly\n`);
    const { startRuntime } = await import('./runtime.js');
    const runtime = await startRuntime({
      port: false,
      schedules: false,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    try {
      report = await runtime.sweep();
      await runtime.idle();
    } finally {
      await runtime.stop();
    }
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} catch (error) {
  process.stderr.write(`Sweep failed: ${(error as Error).message}\n`);
  process.exit(1);
}
