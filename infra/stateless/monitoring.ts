import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The sweep's metric: how long the oldest unpublished event has waited. */
export const outboxAgeMetric = () =>
  new Metric({
    namespace: 'BackorderService',
    metricName: 'OldestOutboxEntryAgeSeconds',
    dimensionsMap: { service: 'backorder-service' },
    statistic: 'Maximum',
    period: Duration.minutes(5),
  });

/**
 * The sweep's metric: outbox entries it set aside because they can never be published (its
 * report's `eventsSetAside`, as Powertools names it). Each one waits for a person: see the README.
 */
export const setAsideMetric = () =>
  new Metric({
    namespace: 'BackorderService',
    metricName: 'Sweep_eventsSetAside',
    dimensionsMap: { service: 'backorder-service' },
    statistic: 'Sum',
    period: Duration.minutes(5),
  });

/**
 * The sweep's count of accepted orders that no decision consumed within the intake grace (each
 * published again): any at all means an `Order Received` was lost on its way to the allocator.
 */
export const undecidedIntakeMetric = () =>
  new Metric({
    namespace: 'BackorderService',
    metricName: 'Sweep_intakeUndecided',
    dimensionsMap: { service: 'backorder-service' },
    statistic: 'Maximum',
    period: Duration.minutes(5),
  });

/**
 * Alarms a person must act on (messages in a dead-letter queue, function errors and throttles,
 * events stuck in the outbox, accepted orders never decided) and one dashboard of the service.
 */
export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: {
      functions: Record<string, IFunction>;
      deadLetterQueues: Record<string, IQueue>;
      alarmEmail?: string;
    },
  ) {
    super(scope, id);
    const alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Backorder service alarms',
      enforceSSL: true,
    });
    if (props.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    const alarm = (name: string, metric: Metric, threshold: number, description: string) => {
      const created = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(new SnsAction(alarmTopic));
      this.alarms.push(created);
      return created;
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}DlqDepth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        1,
        `Messages waiting in the ${name} dead-letter queue`,
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), 1, `${name} function errors`);
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: Duration.minutes(5) }),
        1,
        `${name} function throttled`,
      );
    }
    alarm('OutboxAge', outboxAgeMetric(), 900, 'Events unpublished for 15 minutes or more');
    alarm(
      'OutboxSetAside',
      setAsideMetric(),
      1,
      'Events that can never be published were set aside: list them with the outbox set-aside query',
    );
    alarm(
      'UndecidedIntake',
      undecidedIntakeMetric(),
      1,
      'Accepted orders that no decision consumed within the grace: the sweep published them again',
    );

    new Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new GraphWidget({
            title: 'Invocations',
            left: Object.values(props.functions).map((fn) => fn.metricInvocations()),
          }),
          new GraphWidget({
            title: 'Errors',
            left: Object.values(props.functions).map((fn) => fn.metricErrors()),
          }),
        ],
        [
          new GraphWidget({
            title: 'Duration (p99)',
            left: Object.values(props.functions).map((fn) => fn.metricDuration({ statistic: 'p99' })),
          }),
          new GraphWidget({
            title: 'Dead-letter queues',
            left: Object.values(props.deadLetterQueues).map((queue) =>
              queue.metricApproximateNumberOfMessagesVisible(),
            ),
          }),
          new GraphWidget({ title: 'Oldest unpublished event (s)', left: [outboxAgeMetric()] }),
          new GraphWidget({ title: 'Accepted orders never decided', left: [undecidedIntakeMetric()] }),
        ],
      ],
    });
  }
}
