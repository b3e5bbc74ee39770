/**
 * SQS queues read by a Lambda function (`AWS::Lambda::EventSourceMapping`): batch size and window
 * from the mapping, the redrive policy's maxReceiveCount and the visibility timeout from the queue.
 */
import type { FunctionName } from '../../stateless/service-function.js';
import { functionOf } from './function-resources.js';
import {
  type AppTemplate,
  type Json,
  referencedId,
  referencedQueueId,
  resourcesOfType,
  UnsupportedTemplateError,
} from './template.js';

export interface QueueConsumer {
  readonly queueId: string;
  readonly function: FunctionName;
  readonly batchSize: number;
  readonly batchWindowMs: number;
  readonly reportsItemFailures: boolean;
  /** Receives before a message is dead-lettered; Infinity without a redrive policy. */
  readonly maxReceiveCount: number;
  /** The redrive policy's dead-letter queue. */
  readonly deadLetterQueueId?: string;
  readonly visibilityTimeoutMs: number;
}

export function queueConsumers(
  template: AppTemplate,
  functions: ReadonlyMap<string, FunctionName>,
): Map<string, QueueConsumer> {
  const consumers = new Map<string, QueueConsumer>();
  for (const [logicalId, props] of resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')) {
    const queueId = referencedId(template, props.EventSourceArn);
    const queue = queueId ? template.resources.get(queueId) : undefined;
    if (!queueId || queue?.Type !== 'AWS::SQS::Queue')
      throw new UnsupportedTemplateError(
        logicalId,
        'reads something other than an SQS queue of the template',
      );
    if (consumers.has(queueId))
      throw new UnsupportedTemplateError(logicalId, `is a second consumer of ${queueId}`);
    const queueProps = queue.Properties ?? {};
    const redrive = queueProps.RedrivePolicy as Json | undefined;
    consumers.set(queueId, {
      queueId,
      function: functionOf(functions, referencedId(template, props.FunctionName), logicalId),
      batchSize: Number(props.BatchSize ?? 10),
      batchWindowMs: Number(props.MaximumBatchingWindowInSeconds ?? 0) * 1000,
      reportsItemFailures: ((props.FunctionResponseTypes ?? []) as unknown[]).includes(
        'ReportBatchItemFailures',
      ),
      maxReceiveCount: redrive ? Number(redrive.maxReceiveCount) : Number.POSITIVE_INFINITY,
      ...(redrive
        ? {
            deadLetterQueueId: referencedQueueId(
              template,
              redrive.deadLetterTargetArn,
              queueId,
              'has a redrive policy whose target',
            ),
          }
        : {}),
      visibilityTimeoutMs: Number(queueProps.VisibilityTimeout ?? 30) * 1000,
    });
  }
  return consumers;
}
