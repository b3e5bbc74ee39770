/**
 * Everything the local runtime serves, read from the synthesized template before anything starts,
 * so that a resource it cannot interpret stops it at once with an error naming the resource: the
 * functions and their bundles, the HTTP routes, the buses and their rules, the queues read by
 * functions, the asynchronous invocation settings, the schedules and the topics' subscriptions.
 */
import type { FunctionName } from '../../stateless/service-function.js';
import { type ApiCors, apiCors } from './api-cors.js';
import { type AsyncInvokeConfig, asyncInvokeConfigs } from './async-invoker.js';
import { consoleDir } from './console-files.js';
import { busNames, type EventRule, eventRules } from './event-rules.js';
import { type FunctionBundle, functionBundles } from './function-bundles.js';
import { functionResources } from './function-resources.js';
import { type HttpRoute, httpRoutes } from './http-routes.js';
import { type QueueConsumer, queueConsumers } from './queues.js';
import { type Schedule, schedules } from './schedules.js';
import { type Subscription, topicSubscriptions } from './subscriptions.js';
import { type AppTemplate, UnsupportedTemplateError } from './template.js';

export interface TemplateModel {
  readonly template: AppTemplate;
  readonly bundles: ReadonlyMap<FunctionName, FunctionBundle>;
  readonly routes: readonly HttpRoute[];
  /** The HTTP API's CORS configuration, if it has one. */
  readonly cors: ApiCors | undefined;
  /** Each bus's rules, by the bus's local name. */
  readonly buses: ReadonlyMap<string, readonly EventRule[]>;
  readonly consumers: ReadonlyMap<string, QueueConsumer>;
  readonly asyncInvokeConfigs: ReadonlyMap<FunctionName, AsyncInvokeConfig>;
  readonly schedules: readonly Schedule[];
  /** Each topic's subscriptions, by the topic's local ARN. */
  readonly topics: ReadonlyMap<string, readonly Subscription[]>;
  /** The operator console's build, served at `/`, when the template deploys one. */
  readonly consoleDir?: string;
}

/** Reads the template; `assemblyDir` holds the functions' bundles. */
export function templateModel(template: AppTemplate, assemblyDir: string): TemplateModel {
  const functions = functionResources(template);
  const rules = eventRules(template, functions);
  const names = busNames(template);
  const unknownBus = rules.find((rule) => !names.includes(rule.busName));
  if (unknownBus)
    throw new UnsupportedTemplateError(
      unknownBus.logicalId,
      `is on bus ${unknownBus.busName}, which is not in the template`,
    );
  const model: TemplateModel = {
    template,
    bundles: functionBundles(template, functions, assemblyDir),
    routes: httpRoutes(template, functions),
    cors: apiCors(template),
    buses: new Map(names.map((name) => [name, rules.filter((rule) => rule.busName === name)])),
    consumers: queueConsumers(template, functions),
    asyncInvokeConfigs: asyncInvokeConfigs(template, functions),
    schedules: schedules(template, functions),
    topics: topicSubscriptions(template),
  };
  const site = consoleDir(template, assemblyDir);
  return site ? { ...model, consoleDir: site } : model;
}
