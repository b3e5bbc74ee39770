import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { ITable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { BackorderTable } from './backorder-table.js';
import { Messaging } from './messaging.js';

/** What the stateful stack hands to the stacks that use it (the stateless stack's props). */
export interface StatefulResources {
  readonly table: ITableV2 | ITable;
  readonly bus: IEventBus;
  readonly topic: ITopic;
}

export interface StatefulStackProps extends StackProps {
  /** Deployment stage, e.g. `dev` or `prod`. */
  readonly stage: string;
}

/**
 * Long-lived state: the DynamoDB table, the event bus and its archive, and the notification topic. Kept apart from the stateless stack (functions, API,
 * topics) so that those can be replaced freely; protected against deletion.
 */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    Tags.of(this).add('service', 'backorder');
    Tags.of(this).add('stage', props.stage);
    const backorderTable = new BackorderTable(this, 'BackorderTable');
    const messaging = new Messaging(this, 'Messaging', { stage: props.stage });
    this.resources = {
      table: backorderTable.table,
      bus: messaging.bus,
      topic: messaging.topic,
    };
  }
}
