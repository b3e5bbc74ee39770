import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../../allocation/decision.js';
import { RequestInProgressError } from '../../ports/backorder-repository.js';
import { adoptAbandonedCommit, adoptsAbandonedCommit } from './adopt-abandoned-commit.js';
import {
  type DecisionWriteOptions,
  decisionUnits,
  type TransactItem,
  type WriteUnit,
} from './decision-writes.js';
import { claimIdempotencyKey, type KeyState, settleIdempotencyKey } from './idempotency-records.js';
import { idempotencyKey as idempotencyKeyOf } from './keys.js';
import {
  commitOversizedUnit,
  isPlaceOf,
  RESERVATION_TIMEOUT_MS,
  reservationPlace,
  undoAbandonedCommit,
} from './oversized-commit.js';
import { stockWrites } from './stock-updates.js';
import { KeyReservedError, sendTransaction } from './transaction-errors.js';
import { pack } from './transaction-packing.js';

const stockWritesOf = (units: readonly WriteUnit[], tableName: string, tenantId: string, at: string) =>
  stockWrites(
    tableName,
    tenantId,
    units.flatMap((unit) => unit.movements),
    units.flatMap((unit) => unit.listed),
    at,
  );

export interface CommitDecisionOptions extends DecisionWriteOptions {
  idempotencyKey?: string;
  /** Epoch seconds for the idempotency key's TTL. */
  idempotencyExpiresAt?: number;
  /** The caller completes the request itself, after follow-up work (CommitOptions.completedLater). */
  completedLater?: boolean;
  /** The hash of the request the key is given with (CommitOptions.requestHash). */
  requestHash?: string;
  now?: number;
}

/**
 * Commits a decision: in one transaction when it fits (the usual case), otherwise family by
 * family, each transaction leaving every invariant true. The idempotency key rides in the first,
 * so a repeated request is refused before anything is written; when there is more than one
 * transaction it is claimed as unfinished and moves on in the last (idempotency-records.ts), so a
 * key never stands for work that was undone or never finished. A key held by a commit that died
 * part-way is taken over once its lease has run out.
 */
export const commitDecision = async (
  client: DynamoDBDocumentClient,
  decision: Decision,
  options: CommitDecisionOptions,
): Promise<void> => {
  try {
    await commitBatches(client, decision, options);
  } catch (error) {
    if (!(error instanceof KeyReservedError)) throw error;
    if (error.reservation.leaseUntil > (options.now ?? Date.now())) {
      throw new RequestInProgressError(error.key);
    }
    const stockUnit = decisionUnits(decision, options).find((unit) => unit.label === 'stock');
    // A receipt whose commit died keeps what landed (others may have allocated it) and is completed.
    if (
      stockUnit &&
      isPlaceOf(error.reservation.prefix, stockUnit.label) &&
      adoptsAbandonedCommit(stockUnit, options.completedLater ?? false)
    ) {
      await adoptAbandonedCommit(client, stockUnit, {
        tableName: options.tableName,
        tenantId: options.tenantId,
        idempotencyKey: error.key,
        ...(options.requestHash ? { requestHash: options.requestHash } : {}),
        reservation: error.reservation,
        now: options.now ?? Date.now(),
      }).catch((again: unknown) => {
        throw again instanceof KeyReservedError ? new RequestInProgressError(again.key) : again;
      });
    }
    await undoAbandonedCommit(client, options.tableName, options.tenantId, error.reservation);
    await commitBatches(client, decision, options).catch((again: unknown) => {
      throw again instanceof KeyReservedError ? new RequestInProgressError(again.key) : again;
    });
  }
};

const commitBatches = async (
  client: DynamoDBDocumentClient,
  decision: Decision,
  options: CommitDecisionOptions,
): Promise<void> => {
  const { tableName, tenantId, idempotencyKey: key } = options;
  const now = options.now ?? Date.now();
  // A slot for the key in every transaction: it is claimed in the first and settled in the last.
  const batches = pack(decisionUnits(decision, options), key ? 1 : 0);
  if (batches.length === 0 && key) batches.push({ kind: 'atomic', units: [] });
  const finalState: KeyState = options.completedLater ? 'applied' : 'done';
  const first = batches[0];
  const token = randomUUID();
  const claimState: KeyState =
    first?.kind === 'oversized' ? 'reserving' : batches.length === 1 ? finalState : 'applied';
  const claim = (): TransactItem[] =>
    key && first
      ? [
          claimIdempotencyKey(tableName, tenantId, key, {
            state: claimState,
            ...(options.requestHash ? { requestHash: options.requestHash } : {}),
            ...(options.idempotencyExpiresAt ? { expiresAt: options.idempotencyExpiresAt } : {}),
            ...(first.kind === 'oversized'
              ? {
                  reservation: {
                    ...reservationPlace(tenantId, first.unit.label, token),
                    leaseUntil: now + RESERVATION_TIMEOUT_MS,
                  },
                }
              : {}),
          }),
        ]
      : [];
  const settle = (index: number): TransactItem[] => {
    if (!key) return [];
    const last = index === batches.length - 1;
    const state = last ? finalState : 'applied';
    const fromClaim = index === 0 ? claimState : 'applied';
    return state === fromClaim ? [] : [settleIdempotencyKey(tableName, tenantId, key, state)];
  };

  for (const [index, batch] of batches.entries()) {
    const leading = index === 0 ? claim() : [];
    if (batch.kind === 'oversized') {
      await commitOversizedUnit(client, batch.unit, {
        tableName,
        tenantId,
        token,
        leading,
        ...(index === 0 && key ? { ownedKey: idempotencyKeyOf(tenantId, key) } : {}),
        trailing: settle(index),
        ...(key ? { idempotencyKey: key } : {}),
        ...(options.requestHash ? { requestHash: options.requestHash } : {}),
        now,
        committedBefore: index > 0,
      });
      continue;
    }
    const items = [
      ...leading,
      ...batch.units.flatMap((unit) => [...unit.early, ...unit.items, ...unit.late]),
      ...stockWritesOf(batch.units, tableName, tenantId, new Date(now).toISOString()),
      ...settle(index),
    ];
    await sendTransaction(client, items, {
      tenantId,
      ...(key ? { idempotencyKey: key } : {}),
      ...(options.requestHash ? { requestHash: options.requestHash } : {}),
      committedBefore: index > 0,
    });
  }
};
