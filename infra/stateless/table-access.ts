import {
  idempotencyKey,
  inboundPk,
  orderFamilyPk,
  recipientsPk,
  stockPk,
  tenantKey,
} from '../../shared/adapters/dynamodb/keys.js';
import type { FunctionName } from './service-function.js';

/**
 * Which partitions of the table each function may write (DESIGN §11, least privilege), as IAM
 * `dynamodb:LeadingKeys` patterns built from the key builders themselves, so a renamed prefix
 * renames its grant. IAM conditions see the partition key only: item types that share a partition
 * share a grant (the tenant partition `T#<tenant>` holds the profile, the API-key list, operators,
 * policies and kits together).
 */
export interface PartitionPattern {
  /** The item types the pattern stands for, for people reading the grant. */
  items: string;
  /** `dynamodb:LeadingKeys` must match this (`*` is any text, `#` included). */
  like: string;
  /** …and must not match this: keeps `T#*` to the tenant's own partition (tenant ids have no `#`). */
  notLike?: string;
}

const ANY = '*';

export const PARTITIONS = {
  orderFamily: {
    items: 'orders, history, waits, holds, channel changes, webhook inbox, commit reservations',
    like: orderFamilyPk(ANY, ANY),
  },
  stock: { items: 'stock levels', like: stockPk(ANY, ANY) },
  idempotency: { items: 'idempotency keys, notification claims', like: idempotencyKey(ANY, ANY).pk },
  inbound: { items: 'inbound supply', like: inboundPk(ANY, ANY, ANY) },
  tenant: {
    items: 'tenant profile, API-key list, operators, policies, kits',
    like: tenantKey(ANY).pk,
    notLike: 'T#*#*',
  },
  recipients: { items: 'notification recipients', like: recipientsPk(ANY) },
} as const satisfies Record<string, PartitionPattern>;

type Partition = keyof typeof PARTITIONS;

/**
 * The partitions each function writes. API keys (`APIKEY#<hash>`) and the tenant registry are
 * written by the tenant CLI alone, with the operator's own credentials, so no function has them.
 */
export const TABLE_WRITES: Record<Exclude<FunctionName, 'authorizer'>, readonly Partition[]> = {
  // Internet-facing: stores a verified event beside its order and nothing else.
  webhooks: ['orderFamily'],
  allocator: ['orderFamily', 'stock', 'idempotency'],
  events: ['orderFamily', 'stock', 'idempotency', 'inbound'],
  'warehouse-api': ['orderFamily', 'stock', 'idempotency', 'inbound'],
  'operator-api': ['orderFamily', 'stock', 'idempotency', 'tenant', 'recipients'],
  sweep: ['orderFamily', 'stock', 'idempotency'],
  notifier: ['idempotency'],
};

/**
 * Reads narrowed by partition too, for the internet-facing function only: its order's family (the
 * inbox write's condition checks) and the tenant's profile, which holds the webhook secrets. The
 * other functions read across item types (policies, stock, queues on the indexes) and keep the
 * table's read actions on every partition.
 */
export const TABLE_READS: Partial<Record<FunctionName, readonly Partition[]>> = {
  webhooks: ['orderFamily', 'tenant'],
};
