/**
 * How work reaches the functions besides the HTTP API, as the template wires it: the buses route
 * events by their rules to Lambda's asynchronous invocation or to the queues, the queues feed
 * their functions in batches, the topics deliver to their subscriptions, and whatever fails for
 * good goes to the dead-letter queues the template names. What the queues and invocations hold is
 * kept in the work journal, and `resume()` delivers what a previous run left held.
 */
import type { FunctionName } from '../../stateless/service-function.js';
import { AsyncInvoker } from './async-invoker.js';
import { DeadLetters } from './dead-letters.js';
import { type BusTargets, LocalEventBus } from './event-bus.js';
import type { Invoke } from './functions.js';
import { localName } from './local-resources.js';
import { Outbox } from './outbox.js';
import { PendingWork } from './pending-work.js';
import { LocalQueue, type QueueDeliveries } from './sqs-queue.js';
import { SubscriptionRegistry } from './subscription-registry.js';
import type { TemplateModel } from './template-model.js';
import { TopicDelivery } from './topic-delivery.js';
import { WorkJournal } from './work-journal.js';

export interface EventDelivery {
  readonly buses: ReadonlyMap<string, LocalEventBus>;
  readonly topics: TopicDelivery;
  /** Lambda's asynchronous invocation (rules and schedules use it); resolves once it is kept. */
  invokeAsync(fn: FunctionName, event: unknown, origin: string): Promise<void>;
  /** Delivers what the previous run held (once the functions and tables are there); returns how much. */
  resume(): number;
  /** Resolves once no event, queue message or retry is in flight. */
  idle(): Promise<void>;
  /** What each queue's consumer has been handed so far (batches, messages), by function. */
  deliveries(): ReadonlyMap<FunctionName, QueueDeliveries>;
  /** Takes no new work, and lets what is in flight finish for `graceMs` at most; the rest stays held. */
  drain(graceMs: number): Promise<void>;
  /** Closes the journal (after the functions stopped: nothing can be handed over any more). */
  close(): Promise<void>;
}

export interface DeliveryFolders {
  readonly outboxDir: string;
  readonly deadLettersDir: string;
  /** The work journal's file. */
  readonly journalFile: string;
  /** Where Subscribe's subscriptions are kept. */
  readonly subscriptionsFile: string;
}

export async function eventDelivery(
  model: TemplateModel,
  invoke: Invoke,
  folders: DeliveryFolders,
  log: (line: string) => void,
): Promise<EventDelivery> {
  const journal = await WorkJournal.open(folders.journalFile, { log });
  const pending = new PendingWork();
  const deadLetters = new DeadLetters(folders.deadLettersDir, (id) => localName(model.template, id), log);
  const queues = new Map(
    [...model.consumers.values()].map((consumer) => {
      const toDeadLetters = (body: string, why: string) => {
        if (consumer.deadLetterQueueId) deadLetters.send(consumer.deadLetterQueueId, body, {}, why);
      };
      const feed = (event: unknown) => invoke(consumer.function, event);
      const queue = new LocalQueue(consumer, feed, pending, journal, log, toDeadLetters);
      return [consumer.queueId, queue] as const;
    }),
  );
  const invoker = new AsyncInvoker(model.asyncInvokeConfigs, invoke, deadLetters, pending, journal, log);
  const targets: BusTargets = {
    invokeAsync: (fn, event, origin) => invoker.invokeAsync(fn, event, origin),
    sendToQueue: async (queueId, body, origin) => {
      const queue = queues.get(queueId);
      if (queue) await queue.send(body);
      else log(`[bus] ${origin}: queue ${queueId} has no consumer locally; message dropped`);
    },
  };
  const buses = new Map(
    [...model.buses].map(([name, rules]) => [name, new LocalEventBus(name, rules, targets)]),
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
    resume: () => {
      for (const work of journal.recovered) {
        if (work.kind === 'invocation') invoker.restore(work);
        else {
          const queue = queues.get(work.queueId);
          if (queue) queue.restore(work);
          else {
            log(`[sqs] ${work.queueId} is no longer in the template: held message ${work.id} dropped`);
            void journal.done(work.id);
          }
        }
      }
      return journal.recovered.length;
    },
    idle: () => pending.idle(),
    deliveries: () =>
      new Map(
        [...model.consumers.values()].flatMap((consumer) => {
          const queue = queues.get(consumer.queueId);
          return queue ? [[consumer.function, { ...queue.deliveries }] as const] : [];
        }),
      ),
    drain: async (graceMs) => {
      for (const queue of queues.values()) queue.stop();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending.idle(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      invoker.stop();
    },
    close: () => journal.close(),
  };
}
