import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.js';
import type { StatefulResources } from '../stateful/stateful-stack.js';
import { ConsoleSite } from './console-site.js';
import { DeadLetterQueues } from './dead-letter-queues.js';
import { EventRouting } from './event-routing.js';
import { ServiceHttpApi } from './http-api.js';
import { Monitoring } from './monitoring.js';
import { ServiceFunctions } from './service-functions.js';
import { NotificationSubscriptions } from './subscriptions.js';
import { SweepSchedule } from './sweep-schedule.js';

export interface StatelessStackProps extends StackProps {
  readonly resources: StatefulResources;
  readonly config: StageConfig;
}

const RETENTION: Record<StageConfig['logRetentionDays'], RetentionDays> = {
  7: RetentionDays.ONE_WEEK,
  14: RetentionDays.TWO_WEEKS,
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  365: RetentionDays.ONE_YEAR,
};

/** Everything that can be replaced at will: functions, rules, the HTTP API, the schedule, alarms. */
export class StatelessStack extends Stack {
  readonly functions: ServiceFunctions;
  readonly httpApi: ServiceHttpApi;
  readonly console: ConsoleSite;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    Tags.of(this).add('service', 'backorder');
    Tags.of(this).add('stage', props.config.stage);
    const { resources, config } = props;
    this.functions = new ServiceFunctions(this, 'Functions', {
      resources,
      logRetention: RETENTION[config.logRetentionDays],
    });
    const fn = this.functions.byName;
    const deadLetterQueues = new DeadLetterQueues(this, 'DeadLetterQueues').byName;
    new EventRouting(this, 'EventRouting', {
      resources,
      deadLetterQueues,
      config,
      allocator: fn.allocator,
      events: fn.events,
      notifier: fn.notifier,
    });
    this.console = new ConsoleSite(this, 'Console');
    this.httpApi = new ServiceHttpApi(this, 'HttpApi', {
      // The console's CloudFront origin, and the stage's other console origin (a dev server).
      corsOrigins: [this.console.origin, config.consoleOrigin],
      functions: {
        webhooks: fn.webhooks,
        'warehouse-api': fn['warehouse-api'],
        'operator-api': fn['operator-api'],
      },
      authorizer: fn.authorizer,
      logRetention: RETENTION[config.logRetentionDays],
    });
    this.console.publish(this.httpApi.api.apiEndpoint);
    new SweepSchedule(this, 'Sweep', {
      sweep: fn.sweep,
      every: config.sweepEvery,
      deadLetterQueue: deadLetterQueues.sweep,
    });
    new NotificationSubscriptions(this, 'Subscriptions', {
      topic: resources.topic,
      subscribers: config.subscribers,
    });
    new Monitoring(this, 'Monitoring', {
      functions: fn,
      deadLetterQueues,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });
  }
}
