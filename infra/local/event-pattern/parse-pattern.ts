import { invalidPattern } from './errors.js';
import { singleAddressRange } from './ip-address.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { ABSENCE, type PatternTerm, type ValueMatcher } from './matchers.js';
import { parseMatchExpression } from './parse-match-expression.js';

/** What one flattened field (e.g. `detail.state`) of the event has to satisfy. */
export interface FieldCondition {
  readonly matchers: readonly ValueMatcher[];
  /** Set by `{"exists": false}`: the condition also holds when the field is missing. */
  readonly allowsAbsence: boolean;
  /** The list as written in the pattern; equal lists compile to the same condition. */
  readonly source: string;
}

/** One alternative of the pattern after `$or` is expanded: every field must hold. */
export type SubRule = Map<string, FieldCondition>;

const OR_KEYWORD = '$or';

// Inside `$or`, event-ruler refuses field names it keeps for operators, present or future.
const RESERVED_INSIDE_OR = new Set([
  'exactly',
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

const parseTerm = (value: JsonValue): PatternTerm => {
  if (isJsonObject(value)) return parseMatchExpression(value);
  if (Array.isArray(value)) return invalidPattern('Match value must be String, number, true, false, or null');
  // A string that is an IP address matches the address however the event spells it.
  const addressRange = typeof value === 'string' ? singleAddressRange(value) : undefined;
  return addressRange ? { kind: 'ip-range', range: addressRange } : { kind: 'exact', value };
};

const parseFieldCondition = (values: readonly JsonValue[]): FieldCondition => {
  const terms = values.map(parseTerm);
  if (terms.length === 0) invalidPattern('Empty arrays are not allowed');
  return {
    matchers: terms.filter((term): term is ValueMatcher => term !== ABSENCE),
    allowsAbsence: terms.includes(ABSENCE),
    source: JSON.stringify(values),
  };
};

// Later writes to the same flattened name replace earlier ones in every alternative, which
// is how a repeated key ends up with its last value, as in AWS.
const writeField = (rules: SubRule[], name: string, condition: FieldCondition): void => {
  if (rules.length === 0) rules.push(new Map());
  for (const rule of rules) rule.set(name, condition);
};

/**
 * Each object in `$or` forks every alternative built so far; fields after the `$or` then
 * apply to all the forks. Mirrors event-ruler's JsonRuleCompiler so overrides land the same way.
 */
const parseOr = (rules: SubRule[], path: readonly string[], value: JsonValue): void => {
  const rulesBeforeOr = rules.splice(0);
  if (!Array.isArray(value)) invalidPattern(`It must be an Array followed with ${OR_KEYWORD}.`);
  for (const branch of value) {
    if (!isJsonObject(branch))
      invalidPattern(`Only JSON object is allowed in array of ${OR_KEYWORD} relationship.`);
    const forks = rulesBeforeOr.length > 0 ? rulesBeforeOr.map((rule) => new Map(rule)) : [new Map()];
    parseObject(forks, path, branch, true);
    rules.push(...forks);
  }
  if (value.length < 2) invalidPattern(`There must have at least 2 Objects in ${OR_KEYWORD} relationship.`);
};

function parseObject(rules: SubRule[], path: readonly string[], object: JsonObject, insideOr: boolean): void {
  const entries = Object.entries(object);
  if (entries.length === 0) invalidPattern('Empty objects are not allowed');
  for (const [key, value] of entries) {
    if (key === OR_KEYWORD) {
      parseOr(rules, path, value);
      continue;
    }
    if (insideOr && RESERVED_INSIDE_OR.has(key)) {
      invalidPattern(`${key} is Ruler reserved fieldName which cannot be used inside ${OR_KEYWORD}.`);
    }
    if (Array.isArray(value)) writeField(rules, [...path, key].join('.'), parseFieldCondition(value));
    else if (isJsonObject(value)) parseObject(rules, [...path, key], value, insideOr);
    else invalidPattern(`"${key}" must be an object or an array`);
  }
}

/**
 * Validates a pattern and flattens it into its alternatives, each mapping dotted field names
 * to conditions. Nested keys and dotted keys name the same field, as in EventBridge.
 */
export const parsePattern = (pattern: JsonValue): SubRule[] => {
  if (!isJsonObject(pattern)) return invalidPattern('Filter is not an object');
  const rules: SubRule[] = [];
  parseObject(rules, [], pattern, false);
  return rules;
};
