import { requireComparableMicros } from './comparable-number.js';
import { invalidPattern } from './errors.js';
import { ignoreCaseRegExp } from './ignore-case.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import type { ValueMatcher } from './matchers.js';
import { parseWildcard } from './wildcard.js';

type StringOperator = 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';

const NOT_A_STRING_MESSAGE: Record<StringOperator, string> = {
  'equals-ignore-case':
    'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  prefix: 'prefix/suffix match pattern must be a string',
  suffix: 'prefix/suffix match pattern must be a string',
  wildcard: 'wildcard match pattern must be a string',
};

const isStringOperator = (name: string): name is StringOperator => Object.hasOwn(NOT_A_STRING_MESSAGE, name);

// event-ruler reports surplus keys here with its numeric wording; kept so messages match AWS.
const TOO_MANY_ELEMENTS = 'Too many elements in numeric expression';

const requireValueShape = (value: JsonValue | undefined): JsonValue[] | string | number => {
  if (Array.isArray(value) || typeof value === 'string' || typeof value === 'number') return value;
  return invalidPattern('Value of anything-but must be an array or single string/number value.');
};

const excludedByStringOperator = (operator: StringOperator, text: string): ValueMatcher => {
  switch (operator) {
    case 'equals-ignore-case':
      return { kind: 'ignore-case', expression: ignoreCaseRegExp(text, 'whole') };
    case 'prefix':
      return { kind: 'prefix', prefix: text };
    case 'suffix':
      return { kind: 'suffix', suffix: text };
    case 'wildcard':
      return { kind: 'wildcard', text, tokens: parseWildcard(text) };
  }
};

const parseStringOperatorValue = (operator: StringOperator, value: JsonValue): ValueMatcher => {
  if (typeof value !== 'string') return invalidPattern(NOT_A_STRING_MESSAGE[operator]);
  if ((operator === 'prefix' || operator === 'suffix') && value === '') {
    return invalidPattern('Null prefix/suffix not allowed');
  }
  return excludedByStringOperator(operator, value);
};

const parseWithStringOperator = (expression: JsonObject): ValueMatcher[] => {
  const [entry, ...surplusEntries] = Object.entries(expression);
  if (entry === undefined) return invalidPattern('Anything-But expression name not found');
  const [operator, operandValue] = entry;
  if (!isStringOperator(operator)) return invalidPattern(`Unsupported anything-but pattern: ${operator}`);
  const operand = requireValueShape(operandValue);
  const values = Array.isArray(operand) ? operand : [operand];
  const excluded = values.map((value) => parseStringOperatorValue(operator, value));
  if (surplusEntries.length > 0) invalidPattern(TOO_MANY_ELEMENTS);
  return excluded;
};

const parsePlainValue = (value: JsonValue): ValueMatcher => {
  if (typeof value === 'number') requireComparableMicros(value);
  if (typeof value !== 'string' && typeof value !== 'number') {
    return invalidPattern('Inside anything but list, start|null|boolean is not supported.');
  }
  return { kind: 'exact', value };
};

const parsePlainList = (values: readonly JsonValue[]): ValueMatcher[] => {
  const excluded = values.map(parsePlainValue);
  const hasString = values.some((value) => typeof value === 'string');
  const hasNumber = values.some((value) => typeof value === 'number');
  if (hasNumber === hasString) {
    invalidPattern(
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
  }
  return excluded;
};

/**
 * Parses the value of `anything-but`: a string, a number, a list of either, or an object
 * applying `prefix`, `suffix`, `wildcard` or `equals-ignore-case` to one string or a list.
 * The result matches any present value that none of the excluded matchers accepts, so a
 * missing field never matches but null, booleans and values of the other type always do.
 */
export const parseAnythingBut = (value: JsonValue): ValueMatcher => {
  if (isJsonObject(value)) return { kind: 'anything-but', excluded: parseWithStringOperator(value) };
  const operand = requireValueShape(value);
  if (Array.isArray(operand)) return { kind: 'anything-but', excluded: parsePlainList(operand) };
  return { kind: 'anything-but', excluded: [parsePlainValue(operand)] };
};
