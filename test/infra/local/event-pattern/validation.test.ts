import {
  compileEventPattern,
  InvalidEventPatternError,
} from '../../../../infra/local/event-pattern/index.js';

/** The reason AWS would give for refusing `pattern`, or undefined when it is accepted. */
const refusalOf = (pattern: object | string): string | undefined => {
  try {
    compileEventPattern(pattern);
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    return error.reason;
  }
};

describe('InvalidEventPatternError', () => {
  it('looks like the exception AWS returns', () => {
    expect(() => compileEventPattern({ source: 'aws.ec2' })).toThrow(
      expect.objectContaining({
        name: 'InvalidEventPatternException',
        message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
      }),
    );
  });

  it('is raised for pattern text that is not JSON', () => {
    expect(() => compileEventPattern('{"source": [')).toThrow(InvalidEventPatternError);
  });
});

describe('pattern structure', () => {
  it.each([
    [[], 'Filter is not an object'],
    [{}, 'Empty objects are not allowed'],
    [{ detail: {} }, 'Empty objects are not allowed'],
    [{ a: [] }, 'Empty arrays are not allowed'],
    [{ a: 1 }, '"a" must be an object or an array'],
    [{ a: [['x']] }, 'Match value must be String, number, true, false, or null'],
    [{ a: [{}] }, 'Match expression name not found'],
    [{ a: [{ regex: 'x' }] }, 'Unrecognized match type regex'],
    [{ a: [{ prefix: 'x', suffix: 'y' }] }, 'Only one key allowed in match expression'],
    [{ $or: { a: ['x'] } }, 'It must be an Array followed with $or.'],
    [{ $or: [{ a: ['x'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    [{ $or: [{ a: ['x'] }, 'b'] }, 'Only JSON object is allowed in array of $or relationship.'],
    [
      { $or: [{ a: ['x'] }, { numeric: ['y'] }] },
      'numeric is Ruler reserved fieldName which cannot be used inside $or.',
    ],
  ])('refuses %j: %s', (pattern, reason) => {
    expect(refusalOf(pattern)).toBe(reason);
  });
});

describe('operator values', () => {
  it.each([
    [{ prefix: 1 }, 'prefix match pattern must be a string'],
    [{ prefix: { 'equals-ignore-case': 1 } }, 'equals-ignore-case match pattern must be a string'],
    [{ prefix: { wildcard: 'x' } }, 'Unsupported prefix pattern: wildcard'],
    [{ suffix: null }, 'suffix match pattern must be a string'],
    [{ 'equals-ignore-case': ['x'] }, 'equals-ignore-case match pattern must be a string'],
    [{ exists: 'yes' }, 'exists match pattern must be either true or false.'],
    [{ cidr: 10 }, 'prefix match pattern must be a string'],
    [{ cidr: '10.0.0.0' }, "Malformed CIDR, one '/' required"],
    [{ cidr: '10.0.0.0/x' }, 'Malformed CIDR, mask bits must be an integer'],
    [{ cidr: '10.0.0.0/32' }, 'IPv4 mask bits must be < 32'],
    [{ cidr: '300.0.0.0/8' }, 'Invalid IP address: 300.0.0.0'],
    [{ cidr: 'localhost/8' }, 'Nonstandard IP address: localhost'],
  ])('refuses %j: %s', (expression, reason) => {
    expect(refusalOf({ field: [expression] })).toBe(reason);
  });
});

describe('numeric conditions', () => {
  it.each([
    [10, 'Value of numeric must be an array.'],
    [[], 'Invalid member in numeric match: ]'],
    [[5], 'Invalid member in numeric match: 5'],
    [['~', 5], 'Unrecognized numeric range operator: ~'],
    [['=', '5'], 'Value of equals must be numeric'],
    [['=', 5, 6], 'Too many elements in numeric expression'],
    [['<', 5, '>', 1], 'Too many elements in numeric expression'],
    [['>', 0, '>', 5], 'Bad numeric range operator: >'],
    [['>', 0, 5], 'Bad value in numeric range: 5'],
    [['>', 0, '<'], 'Value of < must be numeric'],
    [['>', 0, '<', 5, '<'], 'Too many terms in numeric range expression'],
    [['>', 5, '<', 5], 'Bottom must be less than top'],
    [['<', -5e9], 'Bottom must be less than top'],
    [['>', 5e9 + 1], 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [['=', 0.1234567], 'Only values upto 6 decimals are supported'],
  ])('refuses %j: %s', (terms, reason) => {
    expect(refusalOf({ n: [{ numeric: terms }] })).toBe(reason);
  });

  it('accepts ranges on the edge of the numeric grid', () => {
    expect(refusalOf({ n: [{ numeric: ['>=', -5e9, '<=', 5e9] }] })).toBeUndefined();
  });
});

describe('anything-but values', () => {
  it.each([
    [null, 'Value of anything-but must be an array or single string/number value.'],
    [[true], 'Inside anything but list, start|null|boolean is not supported.'],
    [
      ['a', 1],
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [[], 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    [{}, 'Anything-But expression name not found'],
    [{ exists: true }, 'Unsupported anything-but pattern: exists'],
    [{ prefix: '' }, 'Null prefix/suffix not allowed'],
    [{ suffix: [1] }, 'prefix/suffix match pattern must be a string'],
    [{ wildcard: 'a**' }, 'Consecutive wildcard characters at pos 2'],
    [{ prefix: 'a', suffix: 'b' }, 'Too many elements in numeric expression'],
  ])('refuses %j: %s', (operand, reason) => {
    expect(refusalOf({ a: [{ 'anything-but': operand }] })).toBe(reason);
  });
});

describe('wildcard values', () => {
  it.each([
    ['a**b', 'Consecutive wildcard characters at pos 2'],
    ['a\\b', 'Invalid escape character at pos 2'],
    ['trailing\\', 'Invalid escape character at pos 9'],
  ])('refuses %j: %s', (wildcard, reason) => {
    expect(refusalOf({ a: [{ wildcard }] })).toBe(reason);
  });
});
