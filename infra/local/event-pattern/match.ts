import type { ArrayMembership, EventField, FlattenedEvent } from './flatten-event.js';
import { matchesValue } from './matchers.js';
import type { FieldCondition, SubRule } from './parse-pattern.js';

/** A sub-rule's fields in the order event-ruler visits them: sorted by name. */
export type OrderedSubRule = readonly (readonly [string, FieldCondition])[];

// Names are unique within a sub-rule, and `<` compares UTF-16 code units as Java's compareTo does.
export const orderSubRule = (rule: SubRule): OrderedSubRule =>
  [...rule.entries()].sort(([left], [right]) => (left < right ? -1 : 1));

const joinMemberships = (joined: ArrayMembership, next: ArrayMembership): ArrayMembership | undefined => {
  let result: Map<number, number> | undefined;
  for (const [arrayId, index] of next) {
    const joinedIndex = joined.get(arrayId);
    if (joinedIndex === undefined) {
      result ??= new Map(joined);
      result.set(arrayId, index);
    } else if (joinedIndex !== index) {
      return undefined;
    }
  }
  return result ?? joined;
};

const fieldSatisfies = (condition: FieldCondition, field: EventField): boolean =>
  condition.matchers.some((matcher) => matchesValue(matcher, field.value));

/**
 * Looks for one event value per field, all from the same element of any array they share.
 * `{"exists": false}` holds when no value of the field is compatible with the elements chosen
 * for the fields before it (in name order), which is exactly how event-ruler decides absence.
 */
export const matchesOrderedSubRule = (rule: OrderedSubRule, event: FlattenedEvent): boolean => {
  const matchFrom = (fieldIndex: number, membership: ArrayMembership): boolean => {
    const entry = rule[fieldIndex];
    if (entry === undefined) return true;
    const [name, condition] = entry;
    const candidates = event.get(name) ?? [];
    for (const field of candidates) {
      const joined = joinMemberships(membership, field.membership);
      if (joined && fieldSatisfies(condition, field) && matchFrom(fieldIndex + 1, joined)) return true;
    }
    const isAbsent = !candidates.some((field) => joinMemberships(membership, field.membership));
    return condition.allowsAbsence && isAbsent && matchFrom(fieldIndex + 1, membership);
  };
  return matchFrom(0, new Map());
};
