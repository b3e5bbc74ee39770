import { invalidPattern } from './errors.js';
import { type IgnoreCaseAnchor, ignoreCaseRegExp } from './ignore-case.js';
import { parseCidr } from './ip-address.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { ABSENCE, type PatternTerm, type ValueMatcher } from './matchers.js';
import { parseAnythingBut } from './parse-anything-but.js';
import { parseNumeric } from './parse-numeric.js';
import { parseWildcard } from './wildcard.js';

const ONLY_ONE_KEY = 'Only one key allowed in match expression';

const requireString = (value: JsonValue, message: string): string =>
  typeof value === 'string' ? value : invalidPattern(message);

const ignoreCaseMatcher = (text: string, anchor: IgnoreCaseAnchor): ValueMatcher => ({
  kind: 'ignore-case',
  expression: ignoreCaseRegExp(text, anchor),
});

/** `{"prefix": {"equals-ignore-case": "..."}}` and its `suffix` twin. */
const parseIgnoreCaseAffix = (expression: JsonObject, operator: 'prefix' | 'suffix'): ValueMatcher => {
  const capitalised = operator === 'prefix' ? 'Prefix' : 'Suffix';
  const [entry, ...surplusEntries] = Object.entries(expression);
  if (entry === undefined) return invalidPattern(`${capitalised} expression name not found`);
  const [name, value] = entry;
  if (name !== 'equals-ignore-case') return invalidPattern(`Unsupported ${operator} pattern: ${name}`);
  const text = requireString(value, 'equals-ignore-case match pattern must be a string');
  if (surplusEntries.length > 0) invalidPattern(ONLY_ONE_KEY);
  return ignoreCaseMatcher(text, operator);
};

const parseAffix = (value: JsonValue, operator: 'prefix' | 'suffix'): ValueMatcher => {
  if (isJsonObject(value)) return parseIgnoreCaseAffix(value, operator);
  const text = requireString(value, `${operator} match pattern must be a string`);
  return operator === 'prefix' ? { kind: 'prefix', prefix: text } : { kind: 'suffix', suffix: text };
};

const parseExists = (value: JsonValue): PatternTerm => {
  if (typeof value !== 'boolean') return invalidPattern('exists match pattern must be either true or false.');
  return value ? { kind: 'exists' } : ABSENCE;
};

const parseOperator = (operator: string, value: JsonValue): PatternTerm => {
  switch (operator) {
    case 'exactly':
      return { kind: 'exact', value: requireString(value, 'exact match pattern must be a string') };
    case 'prefix':
    case 'suffix':
      return parseAffix(value, operator);
    case 'equals-ignore-case':
      return ignoreCaseMatcher(
        requireString(value, 'equals-ignore-case match pattern must be a string'),
        'whole',
      );
    case 'wildcard': {
      const text = requireString(value, 'wildcard match pattern must be a string');
      return { kind: 'wildcard', text, tokens: parseWildcard(text) };
    }
    // event-ruler words a non-string CIDR like a prefix; AWS returns the same text.
    case 'cidr':
      return {
        kind: 'ip-range',
        range: parseCidr(requireString(value, 'prefix match pattern must be a string')),
      };
    case 'numeric':
      return parseNumeric(value);
    case 'anything-but':
      return parseAnythingBut(value);
    case 'exists':
      return parseExists(value);
    default:
      return invalidPattern(`Unrecognized match type ${operator}`);
  }
};

/** Parses one object in a field's list, e.g. `{"prefix": "us-"}`, which must have exactly one key. */
export const parseMatchExpression = (expression: JsonObject): PatternTerm => {
  const [entry, ...surplusEntries] = Object.entries(expression);
  if (entry === undefined) return invalidPattern('Match expression name not found');
  const [operator, value] = entry;
  const term = parseOperator(operator, value);
  if (surplusEntries.length > 0) {
    // event-ruler words a surplus key after numeric and anything-but with its numeric message.
    const usesNumericWording = operator === 'numeric' || operator === 'anything-but';
    invalidPattern(usesNumericWording ? 'Too many elements in numeric expression' : ONLY_ONE_KEY);
  }
  return term;
};
