import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { keepFailedInvocations } from './event-routing.js';

/** EventBridge Scheduler runs the sweep on a rate, with retries and a dead-letter queue. */
export class SweepSchedule extends Construct {
  readonly schedule: Schedule;

  constructor(
    scope: Construct,
    id: string,
    props: { sweep: LambdaFunction; every: Duration; deadLetterQueue: IQueue },
  ) {
    super(scope, id);
    // The sweep pages through its listings for at most part of the interval: runs do not overlap.
    props.sweep.addEnvironment('SWEEP_EVERY_SECONDS', String(props.every.toSeconds()));
    // Its own role, so that the one permission it needs is granted (and explained) here.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Sweep for missed events, split delays, abandoned reservations and unpublished events',
      schedule: ScheduleExpression.rate(props.every),
      target: new LambdaInvoke(props.sweep, {
        role,
        retryAttempts: 2,
        maxEventAge: Duration.minutes(10),
        deadLetterQueue: props.deadLetterQueue,
      }),
    });
    // The scheduler's retries cover handing the run over; a run that fails is Lambda's to retry.
    keepFailedInvocations(props.sweep, props.deadLetterQueue);
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.sweep.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason: 'The scheduler may invoke any version of the sweep function; it is that one function only.',
    });
  }
}
