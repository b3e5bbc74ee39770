import type { JsonPrimitive } from './json.js';

/**
 * Which element of which array a value sits in, for every enclosing array whose elements are
 * objects or arrays. Two values can only be matched together if they agree on every array
 * they share (event-ruler's "array consistency").
 */
export type ArrayMembership = ReadonlyMap<number, number>;

export interface EventField {
  readonly value: JsonPrimitive;
  readonly membership: ArrayMembership;
}

/** Leaf values of an event, keyed by the dotted path of object keys leading to them. */
export type FlattenedEvent = ReadonlyMap<string, readonly EventField[]>;

const isPrimitive = (value: unknown): value is JsonPrimitive =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

class EventFlattener {
  readonly fields = new Map<string, EventField[]>();
  private arrayCount = 0;

  visit(value: unknown, path: string, membership: ArrayMembership): void {
    if (isPrimitive(value)) this.addField(path, value, membership);
    else if (Array.isArray(value)) this.visitArray(value, path, membership);
    else if (typeof value === 'object' && value !== null) this.visitObject(value, path, membership);
    // Anything else (undefined, functions) has no JSON form and so is not part of the event.
  }

  visitObject(object: object, parentPath: string | undefined, membership: ArrayMembership): void {
    for (const [key, value] of Object.entries(object)) {
      this.visit(value, parentPath === undefined ? key : `${parentPath}.${key}`, membership);
    }
  }

  private visitArray(array: readonly unknown[], path: string, membership: ArrayMembership): void {
    const arrayId = this.arrayCount++;
    array.forEach((element, index) => {
      const isContainer = typeof element === 'object' && element !== null;
      this.visit(element, path, isContainer ? new Map(membership).set(arrayId, index) : membership);
    });
  }

  private addField(path: string, value: JsonPrimitive, membership: ArrayMembership): void {
    const existing = this.fields.get(path);
    if (existing) existing.push({ value, membership });
    else this.fields.set(path, [{ value, membership }]);
  }
}

/** Flattens an event object; empty arrays and objects contribute no fields at all. */
export const flattenEvent = (event: object): FlattenedEvent => {
  const flattener = new EventFlattener();
  flattener.visitObject(event, undefined, new Map());
  return flattener.fields;
};
