import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type CfnGlobalTable,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  IndexKeys,
  TABLE_LOGICAL_ID,
  TableAttr,
  TableIndex,
  TTL_ATTRIBUTE,
} from '../../shared/adapters/dynamodb/table-schema.js';

/**
 * The service's single DynamoDB table (see shared/adapters/dynamodb/table-schema.ts for the key
 * design). On-demand, point-in-time recovery, deletion protection, AWS-managed KMS encryption,
 * retained when the stack goes, TTL on `expiresAt`, four GSIs that project all attributes.
 */
export class BackorderTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const string = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new TableV2(this, 'Table', {
      partitionKey: string(TableAttr.pk),
      sortKey: string(TableAttr.sk),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      globalSecondaryIndexes: Object.values(TableIndex).map((indexName) => ({
        indexName,
        partitionKey: string(IndexKeys[indexName].partitionKey),
        sortKey: string(IndexKeys[indexName].sortKey),
        projectionType: ProjectionType.ALL,
      })),
    });

    // A stateful resource keeps its logical id when the construct tree is refactored (a new id
    // would mean a new, empty table); local tooling also finds the table by it.
    (this.table.node.defaultChild as CfnGlobalTable).overrideLogicalId(TABLE_LOGICAL_ID);
  }
}
