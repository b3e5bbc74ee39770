import { invalidFilterPolicy } from './errors.js';
import type { JsonValue } from './json.js';

interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** The numbers a `numeric` expression accepts; an `=` is a range closed on both ends. */
export interface NumericRange {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

/** How the policy parser names a token in its messages: `]` for the end of the array. */
export function tokenText(value: JsonValue | undefined): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (typeof value === 'object' && value !== null) return '{';
  return String(value);
}

function numericOperand(operator: string, operand: JsonValue | undefined): number {
  if (typeof operand !== 'number') {
    throw invalidFilterPolicy(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
  }
  return operand;
}

function refuseTrailingTerms(terms: readonly JsonValue[], expectedLength: number): void {
  if (terms.length > expectedLength) throw invalidFilterPolicy('Too many elements in numeric expression');
}

function closeRange(lower: Bound, terms: readonly JsonValue[]): NumericRange {
  const operator = terms[2];
  if (typeof operator !== 'string') {
    throw invalidFilterPolicy(`Bad value in numeric range: ${tokenText(operator)}`);
  }
  if (operator !== '<' && operator !== '<=') {
    throw invalidFilterPolicy(`Bad numeric range operator: ${operator}`);
  }
  const top = numericOperand(operator, terms[3]);
  if (terms.length > 4) throw invalidFilterPolicy('Too many terms in numeric range expression');
  if (lower.value >= top) throw invalidFilterPolicy('Bottom must be less than top');
  return { lower, upper: { value: top, inclusive: operator === '<=' } };
}

/** Compiles the array of a `numeric` match, refusing it with SNS's wording where malformed. */
export function compileNumericRange(expression: JsonValue): NumericRange {
  if (!Array.isArray(expression)) throw invalidFilterPolicy('Value of numeric must be an array.');
  const operator = expression[0];
  if (typeof operator !== 'string') {
    throw invalidFilterPolicy(`Invalid member in numeric match: ${tokenText(operator)}`);
  }
  switch (operator) {
    case '=': {
      const value = numericOperand(operator, expression[1]);
      refuseTrailingTerms(expression, 2);
      return { lower: { value, inclusive: true }, upper: { value, inclusive: true } };
    }
    case '>':
    case '>=': {
      const lower = { value: numericOperand(operator, expression[1]), inclusive: operator === '>=' };
      return expression.length === 2 ? { lower } : closeRange(lower, expression);
    }
    case '<':
    case '<=': {
      const upper = { value: numericOperand(operator, expression[1]), inclusive: operator === '<=' };
      refuseTrailingTerms(expression, 2);
      return { upper };
    }
    default:
      throw invalidFilterPolicy(`Unrecognized numeric range operator: ${operator}`);
  }
}

export function numericRangeContains(range: NumericRange, value: number): boolean {
  const { lower, upper } = range;
  const aboveLower = lower === undefined || (lower.inclusive ? value >= lower.value : value > lower.value);
  const belowUpper = upper === undefined || (upper.inclusive ? value <= upper.value : value < upper.value);
  return aboveLower && belowUpper;
}
