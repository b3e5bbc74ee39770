import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INCOMING_DETAIL_TYPES } from '../../shared/events/incoming-events.js';
import type { StageConfig } from '../config/stages.js';
import { SERVICE_EVENT_SOURCE } from '../stateful/messaging.js';
import type { StatefulResources } from '../stateful/stateful-stack.js';
import type { DeadLetterQueueName } from './dead-letter-queues.js';

export const NOTIFIED_DETAIL_TYPES = [
  'Order Awaiting Stock',
  'Order Split',
  'Backorder Fulfilled',
  'Order Change Refused',
  'Backorder Overdue',
];

/**
 * The bus's rules. `Order Received` goes through a queue to the allocator, in batches, so a burst
 * on one SKU shares stock writes; every other incoming detail-type goes to the events function;
 * the notified outgoing events go to the notifier. Every target retries and has a dead-letter queue.
 *
 * A rule's retry policy and dead-letter queue only cover handing the event to Lambda; once handed
 * over, the invocation is asynchronous and a function error is Lambda's to retry. So the functions
 * the rules invoke get the same dead-letter queue as Lambda's on-failure destination: an event the
 * function keeps failing on is kept there, not dropped.
 */
export class EventRouting extends Construct {
  readonly allocatorQueue: Queue;

  constructor(
    scope: Construct,
    id: string,
    props: {
      resources: StatefulResources;
      deadLetterQueues: Record<DeadLetterQueueName, IQueue>;
      config: StageConfig;
      allocator: IFunction;
      events: IFunction;
      notifier: IFunction;
    },
  ) {
    super(scope, id);
    const { bus } = props.resources;
    const { deadLetterQueues } = props;
    const retry = { retryAttempts: 8, maxEventAge: Duration.hours(6) };

    this.allocatorQueue = new Queue(this, 'AllocatorQueue', {
      visibilityTimeout: Duration.minutes(6),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: deadLetterQueues.allocator, maxReceiveCount: 5 },
    });
    new Rule(this, 'OrderReceived', {
      eventBus: bus,
      description: 'Orders from every channel, to the allocator queue',
      eventPattern: { detailType: ['Order Received'] },
      targets: [new SqsQueue(this.allocatorQueue, { ...retry, deadLetterQueue: deadLetterQueues.allocator })],
    });
    props.allocator.addEventSource(
      new SqsEventSource(this.allocatorQueue, {
        batchSize: props.config.allocatorBatchSize,
        maxBatchingWindow: props.config.allocatorBatchWindow,
        reportBatchItemFailures: true,
      }),
    );

    new Rule(this, 'IncomingEvents', {
      eventBus: bus,
      description: 'Channel and warehouse events, to the events function',
      eventPattern: { detailType: INCOMING_DETAIL_TYPES.filter((type) => type !== 'Order Received') },
      targets: [
        new LambdaFunction(props.events, { ...retry, deadLetterQueue: deadLetterQueues.incomingEvents }),
      ],
    });

    new Rule(this, 'Notifications', {
      eventBus: bus,
      description:
        'Orders that start waiting, split, are fulfilled, refuse a change or are overdue, to the notifier',
      eventPattern: { source: [SERVICE_EVENT_SOURCE], detailType: NOTIFIED_DETAIL_TYPES },
      targets: [new LambdaFunction(props.notifier, { ...retry, deadLetterQueue: deadLetterQueues.notifier })],
    });

    keepFailedInvocations(props.events, deadLetterQueues.incomingEvents);
    keepFailedInvocations(props.notifier, deadLetterQueues.notifier);
  }
}

/**
 * When Lambda retries an asynchronous invocation that failed: about one minute after the failure,
 * then two more (AWS Lambda, "Error handling and automatic retries"). A lease a retry must take
 * over (a notification claim) is shorter than the first.
 */
export const LAMBDA_ASYNC_RETRY_DELAYS_MS = [60_000, 120_000] as const;

/** Lambda's own retries of an asynchronous invocation, then its on-failure destination. */
export const keepFailedInvocations = (fn: IFunction, queue: IQueue) =>
  fn.configureAsyncInvoke({
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    onFailure: new SqsDestination(queue),
  });
