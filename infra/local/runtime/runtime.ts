/**
 * The local runtime: the CDK app synthesized with its bundles (assembly.ts), DynamoDB Local
 * (persisted under the data folder) with the template's tables and the demo tenant, local
 * EventBridge and SNS endpoints, and every function run from its bundle in its own process with
 * its template environment, behind the template's HTTP API, rules, queues and schedules.
 * Notifications land in a local outbox, dead letters in a local folder. Everything it serves is
 * read from the synthesized template, so what runs here is what deploys.
 */
import { mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { Wiring } from '../../../shared/runtime/adapters.js';
import { demoTenantSettings } from '../../../shared/use-cases/tenants/demo-tenant.js';
import { ensureTenant, type TenantWithCredentials } from '../../../shared/use-cases/tenants/ensure-tenant.js';
import type { FunctionName } from '../../stateless/service-function.js';
import { startDynamoDbLocal } from '../dynamodb-local.js';
import { type CloudAssembly, cloudAssembly } from './assembly.js';
import { startAwsEndpoints } from './aws-endpoints.js';
import { eventDelivery } from './event-delivery.js';
import { type Invoke, type LocalFunctions, startFunctions } from './functions.js';
import { closeServer, createHttpServer, listen } from './http-server.js';
import { acquireRuntimeLock } from './runtime-lock.js';
import { localClients, wiringFor } from './runtime-wiring.js';
import type { QueueDeliveries } from './sqs-queue.js';
import { ensureTables } from './tables.js';
import { appTemplate } from './template.js';
import { templateModel } from './template-model.js';

export interface RuntimeOptions {
  /**
   * Data folder (DynamoDB Local's files, the work journal, the outbox, dead letters); default
   * `.local`. The runtime holds it by a lock file (runtime-lock.ts) while it runs.
   */
  readonly dataDir?: string;
  /** Start with no data (removes the database, the work journal, the outbox and the dead letters first). */
  readonly fresh?: boolean;
  /** HTTP port; 0 picks a free one; `false` serves no HTTP (e.g. a one-off sweep). Default 3000. */
  readonly port?: number | false;
  readonly host?: string;
  /** Run the template's schedules on their rate (default true). */
  readonly schedules?: boolean;
  /** Where DEMO_* settings are read from; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Run this assembly instead of the current sources' (tests share one across restarts). */
  readonly assembly?: CloudAssembly;
  /** Set on every function over its template environment (e.g. POWERTOOLS_LOG_LEVEL). */
  readonly functionEnv?: Readonly<Record<string, string>>;
  readonly log?: (line: string) => void;
}

export interface Runtime {
  /** `http://host:port`, when serving HTTP. */
  readonly baseUrl?: string;
  readonly outboxDir: string;
  readonly deadLettersDir: string;
  readonly dataDir: string;
  readonly dynamoDbEndpoint: string;
  /** The local EventBridge and SNS endpoint the functions call. */
  readonly awsEndpoint: string;
  readonly demoTenant: TenantWithCredentials;
  readonly demoTenantCreated: boolean;
  /** The adapters a function runs with (e.g. to set up data around the HTTP API). */
  wiring(name: FunctionName): Wiring;
  /** Invokes a function synchronously, as `aws lambda invoke` would. */
  invoke: Invoke;
  /** Runs the sweep now and returns its report. */
  sweep(): Promise<unknown>;
  /** Resolves once no event, queue message or retry is in flight. */
  idle(): Promise<void>;
  /** What each queue-fed function has been handed so far: SQS batches and the messages in them. */
  queueDeliveries(): ReadonlyMap<FunctionName, QueueDeliveries>;
  stop(): Promise<void>;
}

/** Local switches over every function's template environment. */
const LOCAL_FUNCTION_ENV = {
  // No X-Ray daemon here: the tracer would only report missing segments.
  POWERTOOLS_TRACE_ENABLED: 'false',
  // EMF metrics are log lines on Lambda; here they would bury the logs that matter.
  POWERTOOLS_METRICS_DISABLED: 'true',
  // Local queues retry seconds apart, not minutes: an undecided order is looked at after a minute.
  INTAKE_GRACE_SECONDS: '60',
  // A notification claim left by a killed run must be free before the local retries (1 s, 2 s) run
  // out; a local delivery takes milliseconds, so a live one is never overtaken.
  NOTIFICATION_LEASE_SECONDS: '3',
};

const DRAIN_MS = 5_000;

export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const dataDir = resolve(options.dataDir ?? '.local');
  const dbPath = join(dataDir, 'dynamodb');
  const outboxDir = join(dataDir, 'outbox');
  const deadLettersDir = join(dataDir, 'dead-letters');
  const journalFile = join(dataDir, 'in-flight.jsonl');
  // Subscriptions made by Subscribe (the tenants' recipients), kept across restarts as on SNS.
  const subscriptionsFile = join(dataDir, 'sns-subscriptions.json');
  mkdirSync(dataDir, { recursive: true });
  // Before anything in the folder is touched: one runtime at a time opens it.
  const lock = acquireRuntimeLock(dataDir);
  const cleanups: Array<() => Promise<void> | void> = [() => lock.release()];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    if (options.fresh)
      for (const path of [dbPath, outboxDir, deadLettersDir, journalFile, subscriptionsFile])
        rmSync(path, { recursive: true, force: true });
    // The JVM boots while the app is synthesized and the functions load; they meet at the tables.
    const dynamo = await startDynamoDbLocal({ dbPath, waitUntilReady: false });
    cleanups.push(() => dynamo.stop());
    const assembly = options.assembly ?? (await cloudAssembly({ log }));
    const template = appTemplate(assembly.templates);
    const model = templateModel(template, assembly.dir);
    let functions: LocalFunctions | undefined;
    const invoke: Invoke = (name, event) =>
      functions ? functions.invoke(name, event) : Promise.reject(new Error('The functions are not started'));
    const delivery = await eventDelivery(
      model,
      invoke,
      { outboxDir, deadLettersDir, subscriptionsFile, journalFile },
      log,
    );
    // Last: once the functions are stopped nothing can hand work over any more.
    cleanups.push(() => delivery.close());

    const endpoints = await startAwsEndpoints(delivery.buses, delivery.topics, log);
    cleanups.push(() => endpoints.close());
    const clients = localClients(dynamo.endpoint, endpoints.url);
    cleanups.push(() => clients.destroy());
    const overrides = {
      ...LOCAL_FUNCTION_ENV,
      ...options.functionEnv,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      ...endpoints.environment,
    };
    const [started, ready] = await Promise.allSettled([
      startFunctions(model.bundles, overrides, log),
      dynamo.ready(),
    ]);
    if (started.status === 'fulfilled') functions = started.value;
    cleanups.push(() => functions?.stop());
    // Stopping: no new work, then what is in flight finishes (for a few seconds at most).
    cleanups.push(() => delivery.drain(DRAIN_MS));
    for (const result of [started, ready]) if (result.status === 'rejected') throw result.reason;
    const tables = await ensureTables(clients.dynamodb, template);
    for (const name of tables.created) log(`[dynamodb] created table ${name}`);

    const wiring = wiringFor(model.bundles, clients);
    const demoTenant = demoTenantSettings(options.env ?? process.env);
    const ensured = await ensureTenant(wiring('operator-api').directory, demoTenant);
    const resumed = delivery.resume();
    if (resumed > 0)
      log(`[runtime] resuming ${resumed} message(s) and invocation(s) held by the previous run`);

    const sweepFunction = model.schedules[0]?.function ?? 'sweep';
    const sweep = () => invoke(sweepFunction, {});
    if (options.schedules ?? true) {
      for (const schedule of model.schedules) {
        // EventBridge Scheduler invokes a Lambda target asynchronously, as a rule does.
        const timer = setInterval(() => {
          delivery
            .invokeAsync(schedule.function, {}, `schedule ${schedule.logicalId}`)
            .catch((error: Error) => log(`[schedule] ${schedule.logicalId} not run: ${error.message}`));
        }, schedule.everyMs);
        cleanups.push(() => clearInterval(timer));
      }
    }

    let baseUrl: string | undefined;
    if (options.port !== false) {
      const host = options.host ?? '127.0.0.1';
      const server: Server = createHttpServer({
        routes: model.routes,
        cors: model.cors,
        invoke,
        sweep,
        log,
        ...(model.consoleDir ? { staticDir: model.consoleDir } : {}),
      });
      const port = await listen(server, options.port ?? 3000, host);
      cleanups.push(() => closeServer(server));
      baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
      lock.serving(baseUrl, port);
    }

    return {
      ...(baseUrl ? { baseUrl } : {}),
      outboxDir,
      deadLettersDir,
      dataDir,
      dynamoDbEndpoint: dynamo.endpoint,
      awsEndpoint: endpoints.url,
      demoTenant,
      demoTenantCreated: ensured.created,
      wiring,
      invoke,
      sweep,
      idle: () => delivery.idle(),
      queueDeliveries: () => delivery.deliveries(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
