/**
 * How work reaches the functions besides the HTTP API, as the template wires it: the buses route
 * events by their rules to Lambda's asynchronous invocation or to the queues, the queues feed
 * their functions in batches, the topics deliver to their subscriptions, and whatever fails for
 * good goes to the dead-letter queues the template names.
 */
import type { FunctionName } from '../../stateless/service-function.js';
import { AsyncInvoker } from './async-invoker.js';
import { DeadLetters } from './dead-letters.js';
import { type BusTargets, LocalEventBus } from './event-bus.js';
import type { Invoke } from './functions.js';
import { localName } from './local-resources.js';
import { Outbox } from './outbox.js';
import { PendingWork } from './pending-work.js';
import { LocalQueue } from './sqs-queue.js';
import { SubscriptionRegistry } from './subscription-registry.js';
import type { TemplateModel } from './template-model.js';
import { TopicDelivery } from './topic-delivery.js';

export interface EventDelivery {
  readonly buses: ReadonlyMap<string, LocalEventBus>;
  readonly topics: TopicDelivery;
  /** Lambda's asynchronous invocation (rules and schedules use it). */
  invokeAsync(fn: FunctionName, event: unknown, origin: string): void;
  /** Resolves once no event, queue message or retry is in flight. */
  idle(): Promise<void>;
  /** Takes no new work, and lets what is in flight finish for `graceMs` at most. */
  drain(graceMs: number): Promise<void>;
}

export function eventDelivery(
  model: TemplateModel,
  invoke: Invoke,
  folders: { outboxDir: string; deadLettersDir: string; subscriptionsFile: string },
  log: (line: string) => void,
): EventDelivery {
  const pending = new PendingWork();
  const deadLetters = new DeadLetters(folders.deadLettersDir, (id) => localName(model.template, id), log);
  const queues = new Map(
    [...model.consumers.values()].map((consumer) => {
      const toDeadLetters = (body: string, why: string) => {
        if (consumer.deadLetterQueueId) deadLetters.send(consumer.deadLetterQueueId, body, {}, why);
      };
      const feed = (event: unknown) => invoke(consumer.function, event);
      return [consumer.queueId, new LocalQueue(consumer, feed, pending, log, toDeadLetters)] as const;
    }),
  );
  const invoker = new AsyncInvoker(model.asyncInvokeConfigs, invoke, deadLetters, pending, log);
  const targets: BusTargets = {
    invokeAsync: (fn, event, origin) => invoker.invokeAsync(fn, event, origin),
    sendToQueue: (queueId, body, origin) => {
      const queue = queues.get(queueId);
      if (queue) queue.send(body);
      else log(`[bus] ${origin}: queue ${queueId} has no consumer locally; message dropped`);
    },
  };
  const buses = new Map(
    [...model.buses].map(([name, rules]) => [name, new LocalEventBus(name, rules, targets, log)]),
  );
  return {
    buses,
    topics: new TopicDelivery(
      model.topics,
      new Outbox(folders.outboxDir),
      log,
      new SubscriptionRegistry(folders.subscriptionsFile),
    ),
    invokeAsync: targets.invokeAsync,
    idle: () => pending.idle(),
    drain: async (graceMs) => {
      for (const queue of queues.values()) queue.stop();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending.idle(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      invoker.stop();
      for (const bus of buses.values()) bus.stop();
    },
  };
}
