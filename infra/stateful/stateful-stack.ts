import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { ITable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { BackorderTable } from './backorder-table.js';

/** What the stateful stack hands to the stacks that use it (the stateless stack's props). */
export interface StatefulResources {
  readonly table: ITableV2 | ITable;
}

export interface StatefulStackProps extends StackProps {
  /** Deployment stage, e.g. `dev` or `prod`. */
  readonly stage: string;
}

/**
 * Long-lived state: the DynamoDB table. Kept apart from the stateless stack (functions, API,
 * topics) so that those can be replaced freely; protected against deletion.
 */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    Tags.of(this).add('service', 'backorder');
    Tags.of(this).add('stage', props.stage);
    const backorderTable = new BackorderTable(this, 'BackorderTable');
    this.resources = { table: backorderTable.table };
  }
}
