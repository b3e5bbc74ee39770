import { ENTITY, EntryAttr } from './items.js';
import { TableAttr } from './table-schema.js';

/**
 * Condition expressions built from named pieces. Each piece uses its own placeholders, so pieces
 * combine with `allOf` without clashing.
 */
export interface Condition {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

export const itemIsNew = (): Condition => ({
  expression: 'attribute_not_exists(#pk)',
  names: { '#pk': 'pk' },
  values: {},
});

export const itemExists = (): Condition => ({
  expression: 'attribute_exists(#pk)',
  names: { '#pk': 'pk' },
  values: {},
});

/** The idempotency key is still held by the oversized commit whose reservations start with `prefix`. */
export const keyReservedAt = (prefix: string): Condition => ({
  expression: '#keyState = :reserving AND #keyReservation.#reservationPrefix = :reservationPrefix',
  names: { '#keyState': 'state', '#keyReservation': 'reservation', '#reservationPrefix': 'prefix' },
  values: { ':reserving': 'reserving', ':reservationPrefix': prefix },
});

/** Optimistic locking: the order is still the version the decision read. */
export const versionIs = (version: number): Condition => ({
  expression: '#version = :expectedVersion',
  names: { '#version': 'version' },
  values: { ':expectedVersion': version },
});

/**
 * The order's latest history entry still lists unpublished events, as when it was read. A
 * decision that moves that entry into a history item moves its outbox listing too, so a publish
 * in between must fail the decision (which re-reads and retries), not be undone by it.
 */
export const outboxPending = (): Condition => ({
  expression: 'attribute_exists(#outboxPendingPk)',
  names: { '#outboxPendingPk': TableAttr.outboxPk },
  values: {},
});

/** The order's latest history entry has no unpublished events, as when it was read. */
export const outboxClear = (): Condition => ({
  expression: 'attribute_not_exists(#outboxClearPk)',
  names: { '#outboxClearPk': TableAttr.outboxPk },
  values: {},
});

/**
 * The item still lists the outbox entry of this slot (`v<version>` or `in:<eventId>`) as
 * unpublished: not a later entry, and not one already taken off.
 */
export const outboxListed = (slot: string): Condition => ({
  expression: '#outboxSlot = :outboxSlot AND attribute_exists(#outboxListedPk)',
  names: { '#outboxSlot': EntryAttr.outboxSlot, '#outboxListedPk': TableAttr.outboxPk },
  values: { ':outboxSlot': slot },
});

/** The order's key still holds the channel's early change at the write `seq` that was read. */
export const earlyChangeSeqIs = (seq: number): Condition => ({
  expression: '#earlyEntity = :earlyChange AND #seq = :seenSeq',
  names: { '#earlyEntity': 'entity', '#seq': 'seq' },
  values: { ':earlyChange': ENTITY.earlyChange, ':seenSeq': seq },
});

/** No order is stored under the key: nothing, or only a change its channel sent before it. */
export const noOrderYet = (): Condition => ({
  expression: 'attribute_not_exists(#noOrderPk) OR #noOrderEntity = :noOrderEarly',
  names: { '#noOrderPk': 'pk', '#noOrderEntity': 'entity' },
  values: { ':noOrderEarly': ENTITY.earlyChange },
});

/** An inbox item is still listed for the sweep's intake check (no sweep took it off meanwhile). */
export const intakeListed = (): Condition => ({
  expression: 'attribute_exists(#intakeListedPk)',
  names: { '#intakeListedPk': TableAttr.timerPk },
  values: {},
});

/** Enough of a counter to take `units` from it without going below zero. */
const atLeast = (attribute: 'onHand' | 'allocated' | 'available', units: number): Condition => ({
  expression: `#${attribute}Floor >= :${attribute}Floor`,
  names: { [`#${attribute}Floor`]: attribute },
  values: { [`:${attribute}Floor`]: units },
});

/** `available` never goes below zero: the stock is there at the moment of the write, not just when read. */
export const availableCovers = (units: number): Condition => atLeast('available', units);
export const onHandCovers = (units: number): Condition => atLeast('onHand', units);
export const allocatedCovers = (units: number): Condition => atLeast('allocated', units);

export const allOf = (...conditions: Condition[]): Condition | undefined => {
  if (conditions.length === 0) return undefined;
  return {
    expression: conditions.map((condition) => `(${condition.expression})`).join(' AND '),
    names: Object.assign({}, ...conditions.map((condition) => condition.names)),
    values: Object.assign({}, ...conditions.map((condition) => condition.values)),
  };
};

/** Whether a conditional write went through: false where its condition failed; other errors are thrown. */
export const conditionHeld = async (write: Promise<unknown>): Promise<boolean> => {
  try {
    await write;
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};

/** The request fields for a condition, with failures returning the item as it was found. */
export const conditionFields = (condition: Condition | undefined) =>
  condition
    ? {
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: condition.names,
        ...(Object.keys(condition.values).length > 0 ? { ExpressionAttributeValues: condition.values } : {}),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      }
    : {};

/** A counter, absent meaning zero, is still below `limit`, so that adding one keeps it within. */
export const countBelow = (limit: number): Condition => ({
  expression: 'attribute_not_exists(#countBelow) OR #countBelow < :countLimit',
  names: { '#countBelow': 'count' },
  values: { ':countLimit': limit },
});
