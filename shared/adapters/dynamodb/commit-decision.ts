import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../../allocation/decision.js';
import { MAX_TRANSACTION_ITEMS } from '../../ports/backorder-repository.js';
import {
  availableDelta,
  type DecisionWriteOptions,
  decisionUnits,
  type TransactItem,
  type WriteUnit,
} from './decision-writes.js';
import { claimIdempotencyKey } from './idempotency-records.js';
import { commitOversizedUnit } from './oversized-commit.js';
import { netMovements, stockUpdate } from './stock-updates.js';
import { sendTransaction } from './transaction-errors.js';

type Batch = { kind: 'atomic'; units: WriteUnit[] } | { kind: 'oversized'; unit: WriteUnit };

const itemCount = (units: readonly WriteUnit[]): number =>
  units.reduce((sum, unit) => sum + unit.items.length + unit.early.length + unit.late.length, 0) +
  netMovements(units.flatMap((unit) => unit.movements)).length;

/**
 * Groups units into as few transactions as fit. Units that free stock go first, so a later
 * transaction can use what an earlier one released; a unit too large for any transaction goes alone.
 */
const pack = (units: readonly WriteUnit[], reserved: number): Batch[] => {
  const ordered = [...units].sort((a, b) => availableDelta(b) - availableDelta(a));
  const batches: Batch[] = [];
  let current: WriteUnit[] = [];
  const limit = () => MAX_TRANSACTION_ITEMS - (batches.length === 0 ? reserved : 0);
  const close = () => {
    if (current.length > 0) batches.push({ kind: 'atomic', units: current });
    current = [];
  };
  for (const unit of ordered) {
    if (itemCount([unit]) > limit()) {
      close();
      batches.push({ kind: 'oversized', unit });
      continue;
    }
    if (current.length > 0 && itemCount([...current, unit]) > limit()) close();
    current.push(unit);
  }
  close();
  return batches;
};

export interface CommitDecisionOptions extends DecisionWriteOptions {
  idempotencyKey?: string;
  /** Epoch seconds for the idempotency key's TTL. */
  idempotencyExpiresAt?: number;
  now?: number;
}

/**
 * Commits a decision: in one transaction when it fits (the usual case), otherwise family by
 * family, each transaction leaving every invariant true. The idempotency key rides in the first,
 * so a repeated request is refused before anything is written.
 */
export const commitDecision = async (
  client: DynamoDBDocumentClient,
  decision: Decision,
  options: CommitDecisionOptions,
): Promise<void> => {
  const { tableName, tenantId } = options;
  const keyItems: TransactItem[] = options.idempotencyKey
    ? [claimIdempotencyKey(tableName, tenantId, options.idempotencyKey, options.idempotencyExpiresAt)]
    : [];
  const batches = pack(decisionUnits(decision, options), keyItems.length);
  if (batches.length === 0 && keyItems.length > 0) batches.push({ kind: 'atomic', units: [] });

  for (const [index, batch] of batches.entries()) {
    const leading = index === 0 ? keyItems : [];
    if (batch.kind === 'oversized') {
      await commitOversizedUnit(client, batch.unit, {
        tableName,
        tenantId,
        leading,
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
        now: options.now ?? Date.now(),
        committedBefore: index > 0,
      });
      continue;
    }
    const items = [
      ...leading,
      ...batch.units.flatMap((unit) => [...unit.early, ...unit.items, ...unit.late]),
      ...netMovements(batch.units.flatMap((unit) => unit.movements)).map((movement) =>
        stockUpdate(tableName, tenantId, movement),
      ),
    ];
    await sendTransaction(client, items, {
      tenantId,
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      committedBefore: index > 0,
    });
  }
};
