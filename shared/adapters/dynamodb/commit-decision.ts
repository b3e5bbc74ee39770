import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../../allocation/decision.js';
import { conditionFields, itemIsNew } from './conditions.js';
import {
  availableDelta,
  type DecisionWriteOptions,
  decisionUnits,
  type TransactItem,
  type WriteUnit,
} from './decision-writes.js';
import { idempotencyKey } from './keys.js';
import { netMovements, stockUpdate } from './stock-updates.js';
import { transactionError } from './transaction-errors.js';

/** DynamoDB's limit of items in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

export class DecisionTooLargeError extends Error {
  constructor(
    readonly label: string,
    readonly items: number,
  ) {
    super(`The writes for ${label} need ${items} items, more than one transaction holds`);
    this.name = 'DecisionTooLargeError';
  }
}

interface Batch {
  units: WriteUnit[];
}

const itemCount = (units: readonly WriteUnit[]): number =>
  units.reduce((sum, unit) => sum + unit.items.length, 0) +
  netMovements(units.flatMap((unit) => unit.movements)).length;

/**
 * Groups units into as few transactions as fit. Units that free stock go first, so a later
 * transaction can use what an earlier one released.
 */
const pack = (units: readonly WriteUnit[], reserved: number): Batch[] => {
  const ordered = [...units].sort((a, b) => availableDelta(b) - availableDelta(a));
  const batches: Batch[] = [];
  let current: WriteUnit[] = [];
  for (const unit of ordered) {
    const limit = MAX_TRANSACTION_ITEMS - (batches.length === 0 ? reserved : 0);
    if (itemCount([unit]) > limit) throw new DecisionTooLargeError(unit.label, itemCount([unit]));
    if (current.length > 0 && itemCount([...current, unit]) > limit) {
      batches.push({ units: current });
      current = [];
    }
    current.push(unit);
  }
  if (current.length > 0) batches.push({ units: current });
  return batches;
};

export interface CommitDecisionOptions extends DecisionWriteOptions {
  idempotencyKey?: string;
  /** Epoch seconds for the idempotency key's TTL. */
  idempotencyExpiresAt?: number;
}

/**
 * Commits a decision: in one transaction when it fits (the usual case), otherwise family by
 * family, each transaction leaving every invariant true. The idempotency key rides in the first.
 */
export const commitDecision = async (
  client: DynamoDBDocumentClient,
  decision: Decision,
  options: CommitDecisionOptions,
): Promise<void> => {
  const { tableName, tenantId } = options;
  const keyItems: TransactItem[] = options.idempotencyKey
    ? [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...idempotencyKey(tenantId, options.idempotencyKey),
              entity: 'idempotency',
              ...(options.idempotencyExpiresAt ? { expiresAt: options.idempotencyExpiresAt } : {}),
            },
            ...conditionFields(itemIsNew()),
          },
        },
      ]
    : [];
  const batches = pack(decisionUnits(decision, options), keyItems.length);
  if (batches.length === 0 && keyItems.length === 0) return;
  if (batches.length === 0) batches.push({ units: [] });

  for (const [index, batch] of batches.entries()) {
    const items = [
      ...(index === 0 ? keyItems : []),
      ...batch.units.flatMap((unit) => unit.items),
      ...netMovements(batch.units.flatMap((unit) => unit.movements)).map((movement) =>
        stockUpdate(tableName, tenantId, movement),
      ),
    ];
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      throw transactionError(error, items, {
        tenantId,
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
        committedBefore: index > 0,
      });
    }
  }
};
