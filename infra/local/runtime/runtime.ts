/**
 * The local runtime: DynamoDB Local (persisted under the data folder), the template's tables and
 * the demo tenant, the handlers run in this process behind the template's HTTP API, event rules,
 * queues and schedules, and notifications written to a local outbox. Everything it serves is
 * read from the synthesized CloudFormation template, so what runs here is what deploys.
 */
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Wiring, wireAdapters } from '../../../shared/runtime/adapters.js';
import { demoTenantSettings } from '../../../shared/use-cases/tenants/demo-tenant.js';
import { ensureTenant, type TenantWithCredentials } from '../../../shared/use-cases/tenants/ensure-tenant.js';
import type { FunctionName } from '../../stateless/service-function.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb-local.js';
import { LocalEventBus } from './event-bus.js';
import { eventRules } from './event-rules.js';
import { functionResources } from './function-resources.js';
import { type Invoke, loadFunctions } from './functions.js';
import { httpRoutes } from './http-routes.js';
import { closeServer, createHttpServer, listen } from './http-server.js';
import { LOCAL_REGION } from './lambda-context.js';
import { LocalNotifier } from './local-notifier.js';
import { Outbox } from './outbox.js';
import { PendingWork } from './pending-work.js';
import { queueConsumers } from './queues.js';
import { schedules } from './schedules.js';
import { LocalQueue } from './sqs-queue.js';
import { subscriptions } from './subscriptions.js';
import { ensureTables } from './tables.js';
import {
  type AppTemplate,
  referencedId,
  synthesizeAppTemplate,
  UnsupportedTemplateError,
} from './template.js';

export interface RuntimeOptions {
  /** Data folder (DynamoDB Local's files, the outbox); default `.local`. */
  readonly dataDir?: string;
  /** Start with no data (removes the database and the outbox first). */
  readonly fresh?: boolean;
  /** HTTP port; 0 picks a free one; `false` serves no HTTP (e.g. a one-off sweep). Default 3000. */
  readonly port?: number | false;
  readonly host?: string;
  /** Run the template's schedules on their rate (default true). */
  readonly schedules?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
}

export interface Runtime {
  /** `http://host:port`, when serving HTTP. */
  readonly baseUrl?: string;
  readonly outboxDir: string;
  readonly dataDir: string;
  readonly dynamoDbEndpoint: string;
  readonly demoTenant: TenantWithCredentials;
  readonly demoTenantCreated: boolean;
  /** The adapters a function runs with (e.g. to set up data around the HTTP API). */
  wiring(name: FunctionName): Wiring;
  /** Runs the sweep now and returns its report. */
  sweep(): Promise<unknown>;
  /** Resolves once no event, queue message or retry is in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The literal or referenced resource of a function's environment variable. */
function environmentOf(
  template: AppTemplate,
  functionId: string,
  name: string,
): { literal?: string; ref?: string } {
  const variables = ((
    template.resources.get(functionId)?.Properties?.Environment as Record<string, unknown> | undefined
  )?.Variables ?? {}) as Record<string, unknown>;
  const value = variables[name];
  if (value === undefined) return {};
  if (typeof value === 'string') return { literal: value };
  const ref = referencedId(template, value);
  if (!ref)
    throw new UnsupportedTemplateError(functionId, `environment variable ${name} cannot be resolved locally`);
  return { ref };
}

export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = options.env ?? process.env;
  const dataDir = resolve(options.dataDir ?? '.local');
  const dbPath = join(dataDir, 'dynamodb');
  const outboxDir = join(dataDir, 'outbox');
  if (options.fresh) for (const dir of [dbPath, outboxDir]) rmSync(dir, { recursive: true, force: true });

  const template = synthesizeAppTemplate();
  const functions = functionResources(template);
  const routes = httpRoutes(template, functions);
  const busIds = new Set(
    [...functions.keys()].map((id) => environmentOf(template, id, 'EVENT_BUS_NAME').ref),
  );
  if (busIds.size !== 1) throw new Error('The functions do not all publish to one event bus of the template');
  const rules = eventRules(template, functions, [...busIds][0]);
  const consumers = queueConsumers(template, functions);
  const timers = schedules(template, functions);

  const dynamo: DynamoDbLocal = await startDynamoDbLocal({ dbPath });
  const cleanups: Array<() => Promise<void> | void> = [() => dynamo.stop()];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    cleanups.push(() => client.destroy());
    const documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const tables = await ensureTables(client, template);
    for (const name of tables.created) log(`[dynamodb] created table ${name}`);

    const pending = new PendingWork();
    let invoke: Invoke | undefined;
    const run: Invoke = (name, event) => {
      if (!invoke) throw new Error('The handlers are not loaded yet');
      return invoke(name, event);
    };
    const queues = new Map<string, LocalQueue>();
    for (const consumer of consumers.values())
      queues.set(
        consumer.queueId,
        new LocalQueue(consumer, (event) => run(consumer.function, event), pending, log),
      );
    const bus = new LocalEventBus(rules, queues, pending, log);
    cleanups.push(async () => {
      for (const queue of queues.values()) queue.stop();
      // Let deliveries in flight finish, for a few seconds at most.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending.idle(), new Promise((r) => (timer = setTimeout(r, 5_000)))]);
      clearTimeout(timer);
      bus.stop();
    });

    const outbox = new Outbox(outboxDir);
    const functionIds = new Map([...functions].map(([id, name]) => [name, id]));
    const tableNameOf = (functionId: string): string => {
      const { literal, ref } = environmentOf(template, functionId, 'TABLE_NAME');
      const name = literal ?? (ref ? tables.names.get(ref) : undefined);
      if (!name)
        throw new UnsupportedTemplateError(functionId, 'has no TABLE_NAME of a table in the template');
      return name;
    };
    const wiringFor = (name: FunctionName): Wiring => {
      const functionId = functionIds.get(name);
      if (!functionId) throw new Error(`The template defines no Lambda function for functions/${name}`);
      const topic = environmentOf(template, functionId, 'NOTIFICATION_TOPIC_ARN').ref;
      return wireAdapters({
        documents,
        tableName: tableNameOf(functionId),
        publisher: bus,
        ...(topic ? { notifier: new LocalNotifier(outbox, subscriptions(template, topic), log) } : {}),
      });
    };
    invoke = await loadFunctions(wiringFor);
    bus.connect(invoke);

    const demoTenant = demoTenantSettings(env);
    const ensured = await ensureTenant(wiringFor('operator-api').directory, demoTenant);

    const sweepFunction = timers[0]?.function ?? 'sweep';
    const sweep = () => run(sweepFunction, {});
    if (options.schedules ?? true) {
      for (const schedule of timers) {
        const timer = setInterval(() => {
          void pending
            .track(() => run(schedule.function, {}))
            .catch((error: Error) =>
              log(`[schedule] ${schedule.logicalId} → ${schedule.function} failed: ${error.message}`),
            );
        }, schedule.everyMs);
        cleanups.push(() => clearInterval(timer));
      }
    }

    let baseUrl: string | undefined;
    if (options.port !== false) {
      const host = options.host ?? '127.0.0.1';
      const server: Server = createHttpServer({ routes, invoke, sweep, log });
      const port = await listen(server, options.port ?? 3000, host);
      cleanups.push(() => closeServer(server));
      baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    }

    return {
      ...(baseUrl ? { baseUrl } : {}),
      outboxDir,
      dataDir,
      dynamoDbEndpoint: dynamo.endpoint,
      demoTenant,
      demoTenantCreated: ensured.created,
      wiring: wiringFor,
      sweep,
      idle: () => pending.idle(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
