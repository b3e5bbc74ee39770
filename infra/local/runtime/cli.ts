/**
 * `npm run -s local -- sweep`: runs the sweep now. Asks the running service when there is one
 * (the runtime holding the data folder's lock, `runtime.lock`, which names its URL); otherwise
 * runs it against the data folder's DynamoDB Local directly. The data folder is `.local`, or
 * LOCAL_DATA_DIR.
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

const dataDir = process.env.LOCAL_DATA_DIR ?? '.local';
const [{ SWEEP_PATH }, { runningRuntime, lockFileOf }] = await Promise.all([
  import('./http-server.js'),
  import('./runtime-lock.js'),
]);

const viaServer = async (url: string): Promise<unknown> => {
  const response = await fetch(`${url}${SWEEP_PATH}`, {
    method: 'POST',
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok) throw new Error(`the service answered HTTP ${response.status}: ${await response.text()}`);
  return await response.json();
};

try {
  // The running service is the one holding the data folder's lock: its database is not opened here.
  const running = runningRuntime(dataDir);
  let report: unknown;
  if (running?.url) report = await viaServer(running.url);
  else if (running)
    throw new Error(
      `a runtime without HTTP (pid ${running.pid}) holds ${lockFileOf(dataDir)}: try again when it is done`,
    );
  else {
    process.stderr.write(`No service holds ${dataDir}: running the sweep against it directly\n`);
    const { startRuntime } = await import('./runtime.js');
    const runtime = await startRuntime({
      dataDir,
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
