/**
 * `npm run demo`: plays a scripted day against the service at DEMO_BASE_URL (default: the URL
 * of the runtime holding `.local` (or LOCAL_DATA_DIR), by its lock file, else
 * `http://127.0.0.1:$PORT`, PORT default 3000) as the demo tenant (credentials from DEMO_API_KEY
 * and DEMO_*_SECRET, as `npm start` takes them). When nothing answers there, it starts the local
 * runtime itself on a free port with a fresh temporary data folder, and stops it at the end.
 * Exits 0 when every step went as scripted, 1 otherwise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoTenantSettings } from '../../../shared/use-cases/tenants/demo-tenant.js';
import type { Runtime } from '../runtime/runtime.js';
import { runningRuntime } from '../runtime/runtime-lock.js';
import { serviceAnswers } from './http-client.js';
import { outboxExists } from './outbox-reader.js';
import { DemoFailure, runDemo } from './scenario.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const print = (line: string) => process.stdout.write(`${line}\n`);

interface Service {
  readonly baseUrl: string;
  readonly outboxDir?: string;
  /** Started for the demo: none of its functions has read the tenant's policies yet. */
  readonly fresh: boolean;
  stop(): Promise<void>;
}

/** A runtime of our own, quiet, so the timeline is what the terminal shows. */
async function startOwnRuntime(): Promise<Service> {
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  process.env.POWERTOOLS_SERVICE_NAME ??= 'backorder-service';
  const dataDir = mkdtempSync(join(tmpdir(), 'backorder-demo-'));
  const { startRuntime } = await import('../runtime/runtime.js');
  let runtime: Runtime;
  try {
    runtime = await startRuntime({ dataDir, fresh: true, port: 0, schedules: false, log: () => {} });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl: runtime.baseUrl as string,
    outboxDir: runtime.outboxDir,
    fresh: true,
    stop: async () => {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The running service, or one started for the demo. */
async function connect(baseUrl: string): Promise<Service> {
  if (await serviceAnswers(baseUrl)) {
    // `npm start` writes its outbox under .local in the repository; another service's is not visible here.
    const outboxDir = resolve(process.env.DEMO_OUTBOX_DIR ?? join(REPOSITORY, '.local', 'outbox'));
    if (!outboxExists(outboxDir))
      print(`(No outbox folder at ${outboxDir}: set DEMO_OUTBOX_DIR to see the notifications.)`);
    return { baseUrl, ...(outboxExists(outboxDir) ? { outboxDir } : {}), fresh: false, stop: async () => {} };
  }
  print(`Nothing answers at ${baseUrl}: starting the local runtime for the demo (fresh data)...`);
  const service = await startOwnRuntime();
  print(`Started at ${service.baseUrl}; it stops when the demo ends.\n`);
  return service;
}

// The service `npm start` runs is the one holding the data folder's lock, which names its URL.
const running = runningRuntime(process.env.LOCAL_DATA_DIR ?? '.local');
const baseUrl = (
  process.env.DEMO_BASE_URL ??
  running?.url ??
  `http://127.0.0.1:${process.env.PORT || 3000}`
).replace(/\/$/, '');
let service: Service | undefined;
try {
  service = await connect(baseUrl);
  const report = await runDemo({
    baseUrl: service.baseUrl,
    tenant: demoTenantSettings(process.env),
    ...(service.outboxDir ? { outboxDir: service.outboxDir } : {}),
    ...(service.fresh ? { policyReuseMs: 0 } : {}),
    write: print,
  });
  print(`\nThe day went as scripted: ${report.steps} steps, ${report.notifications.length} notifications.`);
} catch (error) {
  const message = error instanceof DemoFailure ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`\nDemo failed: ${message}\n`);
  process.exitCode = 1;
} finally {
  await service?.stop();
}
