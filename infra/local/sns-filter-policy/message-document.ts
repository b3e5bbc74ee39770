import { isJsonObject, type JsonScalar, type JsonValue, parseJson } from './json.js';
import type { MessageAttributeValue } from './scope.js';

/** Which element of which array (numbered in document order) a value sits in. */
export interface ArrayPosition {
  readonly arrayId: number;
  readonly index: number;
}

export interface Leaf {
  readonly value: JsonScalar;
  readonly positions: readonly ArrayPosition[];
}

/** Every scalar of a message, keyed by its dotted path; arrays add values, not path segments. */
export type MessageDocument = ReadonlyMap<string, readonly Leaf[]>;

function flattenProperties(properties: Iterable<readonly [string, JsonValue]>): MessageDocument {
  const leavesByPath = new Map<string, Leaf[]>();
  let arrayCount = 0;
  const visit = (value: JsonValue, path: string, positions: readonly ArrayPosition[]): void => {
    if (Array.isArray(value)) {
      const arrayId = arrayCount++;
      value.forEach((element, index) => {
        visit(element, path, [...positions, { arrayId, index }]);
      });
    } else if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`, positions);
    } else {
      const leaves = leavesByPath.get(path);
      if (leaves === undefined) leavesByPath.set(path, [{ value, positions }]);
      else leaves.push({ value, positions });
    }
  };
  for (const [key, value] of properties) visit(value, key, []);
  return leavesByPath;
}

const NUMBER_TEXT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * An attribute's value as the JSON SNS filters on, or `undefined` for one it ignores: Binary
 * attributes, and values that do not fit their type (which `Publish` would have refused).
 * Custom types (`Number.float`) filter as their base type.
 */
function filterableValue({ Type, Value }: MessageAttributeValue): JsonValue | undefined {
  const separator = Type.indexOf('.');
  const baseType = separator === -1 ? Type : Type.slice(0, separator);
  const customLabel = separator === -1 ? undefined : Type.slice(separator + 1);
  if (customLabel === 'Array' && (baseType === 'String' || baseType === 'Number')) {
    const elements = parseJson(Value);
    return Array.isArray(elements) ? elements : undefined;
  }
  if (baseType === 'String') return Value;
  if (baseType === 'Number') return NUMBER_TEXT.test(Value) ? Number(Value) : undefined;
  return undefined;
}

export function attributesDocument(
  attributes: Readonly<Record<string, MessageAttributeValue>>,
): MessageDocument {
  return flattenProperties(
    Object.entries(attributes).flatMap(([name, attribute]) => {
      const value = filterableValue(attribute);
      return value === undefined ? [] : [[name, value] as const];
    }),
  );
}

/** The body as a document, or `undefined` when it is not a JSON object (never delivered). */
export function bodyDocument(message: string): MessageDocument | undefined {
  const body = parseJson(message);
  return isJsonObject(body) ? flattenProperties(Object.entries(body)) : undefined;
}
