import { invalidFilterPolicy } from './errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { compileValuePattern } from './match-expression.js';
import type { ValuePattern } from './value-pattern.js';

/** A policy key with its array: `path` holds the nested property names leading to it. */
export interface FieldTerm {
  readonly kind: 'field';
  readonly path: readonly string[];
  readonly patterns: readonly ValuePattern[];
}

/** A `$or`: each alternative is itself a conjunction of terms. */
export interface OrTerm {
  readonly kind: 'or';
  readonly alternatives: readonly Conjunction[];
}

export type PolicyTerm = FieldTerm | OrTerm;
export type Conjunction = readonly PolicyTerm[];

const OR_KEYWORD = '$or';

// Operator and reserved words that SNS refuses as property names inside a `$or`.
const RESERVED_INSIDE_OR = new Set([
  'equals',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

function compileField(path: readonly string[], values: readonly JsonValue[]): FieldTerm {
  const patterns = values.map(compileValuePattern);
  if (patterns.length === 0) throw invalidFilterPolicy('Empty arrays are not allowed');
  return { kind: 'field', path, patterns };
}

function compileOr(operand: JsonValue, parentPath: readonly string[]): OrTerm {
  if (!Array.isArray(operand)) throw invalidFilterPolicy(`It must be an Array followed with ${OR_KEYWORD}.`);
  const alternatives = operand.map((alternative) => {
    if (!isJsonObject(alternative)) {
      throw invalidFilterPolicy(`Only JSON object is allowed in array of ${OR_KEYWORD} relationship.`);
    }
    return compileObject(alternative, parentPath, true);
  });
  if (alternatives.length < 2) {
    throw invalidFilterPolicy(`There must have at least 2 Objects in ${OR_KEYWORD} relationship.`);
  }
  return { kind: 'or', alternatives };
}

function compileObject(object: JsonObject, parentPath: readonly string[], insideOr: boolean): Conjunction {
  const entries = Object.entries(object);
  if (entries.length === 0) throw invalidFilterPolicy('Empty objects are not allowed');
  return entries.flatMap(([key, value]): Conjunction => {
    if (key === OR_KEYWORD) return [compileOr(value, parentPath)];
    if (insideOr && RESERVED_INSIDE_OR.has(key)) {
      throw invalidFilterPolicy(
        `${key} is Ruler reserved fieldName which cannot be used inside ${OR_KEYWORD}.`,
      );
    }
    const path = [...parentPath, key];
    if (Array.isArray(value)) return [compileField(path, value)];
    // Nesting only lengthens the path: the nested keys are ANDed with their siblings.
    if (isJsonObject(value)) return compileObject(value, path, insideOr);
    throw invalidFilterPolicy(`"${key}" must be an object or an array`);
  });
}

/**
 * Checks a (non-empty) policy's syntax, in the order the service reports its first problem,
 * and compiles it to a conjunction of keys and `$or`s.
 */
export function compilePolicyTree(policy: JsonObject): Conjunction {
  return compileObject(policy, [], false);
}

/** Every policy key, however deep and in whichever `$or` alternative. */
export function fieldTermsOf(conjunction: Conjunction): FieldTerm[] {
  return conjunction.flatMap((term) =>
    term.kind === 'field' ? [term] : term.alternatives.flatMap(fieldTermsOf),
  );
}
