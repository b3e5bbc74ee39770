import { invalidFilterPolicy } from './errors.js';
import { compileCidr, singleAddressRange } from './ip-address.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { compileNumericRange } from './numeric-range.js';
import type { ValuePattern } from './value-pattern.js';

// The service's parser words a surplus key differently after `numeric` and `anything-but`.
const ONLY_ONE_KEY = 'Only one key allowed in match expression';
const TOO_MANY_ELEMENTS = 'Too many elements in numeric expression';

function refuseSurplusKeys(expression: JsonObject, message: string): void {
  if (Object.keys(expression).length > 1) throw invalidFilterPolicy(message);
}

function requireString(operator: string, operand: JsonValue): string {
  if (typeof operand !== 'string') throw invalidFilterPolicy(`${operator} match pattern must be a string`);
  return operand;
}

function compileAnythingButPattern(operatorAndOperand: JsonObject): ValuePattern {
  const [operator] = Object.keys(operatorAndOperand);
  if (operator === undefined) throw invalidFilterPolicy('Anything-But expression name not found');
  if (operator !== 'prefix' && operator !== 'suffix') {
    throw invalidFilterPolicy(`Unsupported anything-but pattern: ${operator}`);
  }
  const text = requireString(operator, operatorAndOperand[operator] ?? null);
  refuseSurplusKeys(operatorAndOperand, ONLY_ONE_KEY);
  return operator === 'prefix' ? { kind: 'prefix', prefix: text } : { kind: 'suffix', suffix: text };
}

function compileAnythingButList(values: readonly JsonValue[]): ValuePattern[] {
  const excluded = values.map((value): ValuePattern => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw invalidFilterPolicy('Inside anything but list, start|null|boolean is not supported.');
    }
    return { kind: 'equals', value };
  });
  const numberCount = values.filter((value) => typeof value === 'number').length;
  if (values.length === 0 || (numberCount > 0 && numberCount < values.length)) {
    throw invalidFilterPolicy(
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
  }
  return excluded;
}

function compileAnythingBut(expression: JsonObject, operand: JsonValue): ValuePattern {
  if (isJsonObject(operand)) {
    const excluded = compileAnythingButPattern(operand);
    refuseSurplusKeys(expression, ONLY_ONE_KEY);
    return { kind: 'anything-but', excluded: [excluded] };
  }
  let excluded: ValuePattern[];
  if (Array.isArray(operand)) {
    excluded = compileAnythingButList(operand);
  } else if (typeof operand === 'string' || typeof operand === 'number') {
    excluded = [{ kind: 'equals', value: operand }];
  } else {
    throw invalidFilterPolicy('Value of anything-but must be an array or single string/number value.');
  }
  refuseSurplusKeys(expression, TOO_MANY_ELEMENTS);
  return { kind: 'anything-but', excluded };
}

function compileOperator(expression: JsonObject, operator: string, operand: JsonValue): ValuePattern {
  switch (operator) {
    case 'prefix':
      return { kind: 'prefix', prefix: requireString(operator, operand) };
    case 'suffix':
      return { kind: 'suffix', suffix: requireString(operator, operand) };
    case 'equals-ignore-case':
      return { kind: 'equals-ignore-case', value: requireString(operator, operand) };
    case 'exists':
      if (typeof operand !== 'boolean') {
        throw invalidFilterPolicy('exists match pattern must be either true or false.');
      }
      return { kind: 'exists', exists: operand };
    // SNS reports a non-string CIDR with the prefix wording.
    case 'cidr':
      return { kind: 'ip-range', range: compileCidr(requireString('prefix', operand)) };
    case 'numeric': {
      const range = compileNumericRange(operand);
      refuseSurplusKeys(expression, TOO_MANY_ELEMENTS);
      return { kind: 'numeric', range };
    }
    case 'anything-but':
      return compileAnythingBut(expression, operand);
    default:
      throw invalidFilterPolicy(`Unrecognized match type ${operator}`);
  }
}

/** Compiles one `{ "operator": operand }` entry of a policy key's array. */
export function compileMatchExpression(expression: JsonObject): ValuePattern {
  const [operator] = Object.keys(expression);
  if (operator === undefined) throw invalidFilterPolicy('Match expression name not found');
  const pattern = compileOperator(expression, operator, expression[operator] ?? null);
  refuseSurplusKeys(expression, ONLY_ONE_KEY);
  return pattern;
}

/** Compiles one entry of a policy key's array: a literal to equal, or a match expression. */
export function compileValuePattern(entry: JsonValue): ValuePattern {
  if (isJsonObject(entry)) return compileMatchExpression(entry);
  if (Array.isArray(entry)) {
    throw invalidFilterPolicy('Match value must be String, number, true, false, or null');
  }
  const address = typeof entry === 'string' ? singleAddressRange(entry) : undefined;
  return address === undefined ? { kind: 'equals', value: entry } : { kind: 'ip-range', range: address };
}
