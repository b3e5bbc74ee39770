import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export const DEAD_LETTER_QUEUES = ['incomingEvents', 'allocator', 'notifier', 'sweep'] as const;
export type DeadLetterQueueName = (typeof DEAD_LETTER_QUEUES)[number];

/**
 * Where failed asynchronous deliveries wait for a person. They live beside the rules and targets
 * that write to them: their resource policies name those rules, and a policy in the stateful stack
 * would make the two stacks depend on each other. They are retained if the stack is replaced.
 */
export class DeadLetterQueues extends Construct {
  readonly byName: Record<DeadLetterQueueName, Queue>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.byName = Object.fromEntries(
      DEAD_LETTER_QUEUES.map((name) => [
        name,
        new Queue(this, name, {
          retentionPeriod: Duration.days(14),
          encryption: QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      ]),
    ) as Record<DeadLetterQueueName, Queue>;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'These are the dead-letter queues themselves.',
    });
  }
}
