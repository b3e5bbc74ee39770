import { FIVE_BILLION_MICROS, requireComparableMicros } from './comparable-number.js';
import { invalidPattern } from './errors.js';
import { type JsonValue, tokenText } from './json.js';
import type { NumericRange, ValueMatcher } from './matchers.js';

type LowerBound = Pick<NumericRange, 'bottom' | 'bottomInclusive'>;
type UpperBound = Pick<NumericRange, 'top' | 'topInclusive'>;
type LowerOperator = '>' | '>=';
type UpperOperator = '<' | '<=';

const GRID_BOTTOM: LowerBound = { bottom: -FIVE_BILLION_MICROS, bottomInclusive: true };
const GRID_TOP: UpperBound = { top: FIVE_BILLION_MICROS, topInclusive: true };

const isUpperOperator = (operator: string): operator is UpperOperator =>
  operator === '<' || operator === '<=';

const requireNumber = (value: JsonValue | undefined, operatorName: string): number =>
  typeof value === 'number' ? value : invalidPattern(`Value of ${operatorName} must be numeric`);

const requireNoMoreTerms = (terms: readonly JsonValue[], count: number, message: string): void => {
  if (terms.length > count) invalidPattern(message);
};

const lowerBound = (operator: LowerOperator, value: number): LowerBound => ({
  bottom: requireComparableMicros(value),
  bottomInclusive: operator === '>=',
});

const upperBound = (operator: UpperOperator, value: number): UpperBound => ({
  top: requireComparableMicros(value),
  topInclusive: operator === '<=',
});

// A one-sided condition is a range whose other end is the edge of the numeric grid, which is
// why ["<", -5e9] is refused as an empty range just as [">", 1, "<", 1] is.
const numericRange = (lower: LowerBound, upper: UpperBound): ValueMatcher => {
  if (lower.bottom >= upper.top) invalidPattern('Bottom must be less than top');
  return { kind: 'numeric', range: { ...lower, ...upper } };
};

const parseLowerBounded = (operator: LowerOperator, terms: readonly JsonValue[]): ValueMatcher => {
  const bottomValue = requireNumber(terms[1], operator);
  if (terms.length === 2) return numericRange(lowerBound(operator, bottomValue), GRID_TOP);
  const topOperator = terms[2];
  if (typeof topOperator !== 'string')
    invalidPattern(`Bad value in numeric range: ${tokenText(topOperator)}`);
  if (!isUpperOperator(topOperator)) invalidPattern(`Bad numeric range operator: ${topOperator}`);
  const topValue = requireNumber(terms[3], topOperator);
  requireNoMoreTerms(terms, 4, 'Too many terms in numeric range expression');
  return numericRange(lowerBound(operator, bottomValue), upperBound(topOperator, topValue));
};

/** Parses the array of a `numeric` condition, e.g. [">", 0, "<=", 5] or ["=", 3.0e2]. */
export const parseNumeric = (terms: JsonValue): ValueMatcher => {
  if (!Array.isArray(terms)) return invalidPattern('Value of numeric must be an array.');
  const operator = terms[0];
  if (typeof operator !== 'string') invalidPattern(`Invalid member in numeric match: ${tokenText(operator)}`);
  switch (operator) {
    case '=': {
      const value = requireNumber(terms[1], 'equals');
      requireNoMoreTerms(terms, 2, 'Too many elements in numeric expression');
      const micros = requireComparableMicros(value);
      return {
        kind: 'numeric',
        range: { bottom: micros, bottomInclusive: true, top: micros, topInclusive: true },
      };
    }
    case '>':
    case '>=':
      return parseLowerBounded(operator, terms);
    case '<':
    case '<=': {
      const value = requireNumber(terms[1], operator);
      requireNoMoreTerms(terms, 2, 'Too many elements in numeric expression');
      return numericRange(GRID_BOTTOM, upperBound(operator, value));
    }
    default:
      return invalidPattern(`Unrecognized numeric range operator: ${operator}`);
  }
};
