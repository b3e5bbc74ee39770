import {
  compileFilterPolicy,
  type FilterPolicyScope,
  InvalidFilterPolicyError,
} from '../../../../infra/local/sns-filter-policy/index.js';

function refusal(policy: string | object, scope: FilterPolicyScope = 'MessageAttributes'): string {
  try {
    compileFilterPolicy(policy, scope);
  } catch (error) {
    if (error instanceof InvalidFilterPolicyError) return error.message;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(policy)}`);
}

const prefixed = (reason: string) => `Invalid parameter: FilterPolicy: ${reason}`;

describe('refused policies', () => {
  it('carries the InvalidParameter code', () => {
    expect(() => compileFilterPolicy('{not json', 'MessageBody')).toThrow(
      expect.objectContaining({ name: 'InvalidFilterPolicyError', code: 'InvalidParameter' }),
    );
  });

  it.each([
    ['{not json', 'failed to parse JSON.'],
    ['["a"]', 'Filter is not an object'],
    [{ key: 'value' }, '"key" must be an object or an array'],
    [{ key: [] }, 'Empty arrays are not allowed'],
    [{ key: {} }, 'Empty objects are not allowed'],
    [{ key: [['value']] }, 'Match value must be String, number, true, false, or null'],
    [{ key: [{ 'wrong-operator': true }] }, 'Unrecognized match type wrong-operator'],
    [{ key: [{ suffix: 'value', prefix: 'value2' }] }, 'Only one key allowed in match expression'],
    [{ key: [{ suffix: 100 }] }, 'suffix match pattern must be a string'],
    [{ key: [{ prefix: null }] }, 'prefix match pattern must be a string'],
    [{ key: [{ 'equals-ignore-case': ['a'] }] }, 'equals-ignore-case match pattern must be a string'],
    [{ key: [{ exists: 'no' }] }, 'exists match pattern must be either true or false.'],
    [
      { key: [{ 'anything-but': { 'wrong-operator': null } }] },
      'Unsupported anything-but pattern: wrong-operator',
    ],
    [{ key: [{ 'anything-but': { exists: false } }] }, 'Unsupported anything-but pattern: exists'],
    [{ key: [{ 'anything-but': { prefix: false } }] }, 'prefix match pattern must be a string'],
    [{ key: [{ 'anything-but': [true] }] }, 'Inside anything but list, start|null|boolean is not supported.'],
    [
      { key: [{ 'anything-but': ['a', 1] }] },
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [{ key: [{ cidr: 10 }] }, 'prefix match pattern must be a string'],
    [{ key: [{ cidr: '10.0.0.0' }] }, "Malformed CIDR, one '/' required"],
    [{ key: [{ cidr: '10.0.0.0/x' }] }, 'Malformed CIDR, mask bits must be an integer'],
    [{ key: [{ cidr: 'host/24' }] }, 'Nonstandard IP address: host'],
    [{ key: [{ cidr: '10.0.0.256/24' }] }, 'Invalid IP address: 10.0.0.256'],
    [{ key: [{ cidr: '10.0.0.0/32' }] }, 'IPv4 mask bits must be < 32'],
    [{ $or: [{ a: ['1'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    [{ $or: { a: ['1'] } }, 'It must be an Array followed with $or.'],
    [{ $or: [{ a: ['1'] }, ['b']] }, 'Only JSON object is allowed in array of $or relationship.'],
    [
      { $or: [{ a: ['1'] }, { prefix: ['b'] }] },
      'prefix is Ruler reserved fieldName which cannot be used inside $or.',
    ],
  ])('refuses %j', (policy, reason) => {
    expect(refusal(policy, 'MessageBody')).toBe(prefixed(reason));
  });

  it.each([
    [[], 'Invalid member in numeric match: ]'],
    [['operator'], 'Unrecognized numeric range operator: operator'],
    [[1, '<='], 'Invalid member in numeric match: 1'],
    [['=', '000'], 'Value of equals must be numeric'],
    [['>='], 'Value of >= must be numeric'],
    [['<', 100, '>', 10], 'Too many elements in numeric expression'],
    [['>=', 1, '>', 2], 'Bad numeric range operator: >'],
    [['>', 3, '<', 1], 'Bottom must be less than top'],
    [['>', 20, '<='], 'Value of <= must be numeric'],
    [['>', 20, 30], 'Bad value in numeric range: 30'],
    [['>', 20, 'test'], 'Bad numeric range operator: test'],
    [['>', '20', '<', '30'], 'Value of > must be numeric'],
    [['>', 20, '<', '30'], 'Value of < must be numeric'],
    [['>', 20, '<', 30, '<', 50], 'Too many terms in numeric range expression'],
  ])('refuses the numeric expression %j', (expression, reason) => {
    expect(refusal({ key: [{ numeric: expression }] })).toBe(prefixed(reason));
  });
});

describe('limits', () => {
  const values = (count: number) => Array.from({ length: count }, (_, index) => `value${index}`);
  const sixKeys = { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] };

  it('allows at most five keys in either scope', () => {
    expect(refusal(sixKeys)).toBe(prefixed('Filter policy can not have more than 5 keys'));
    expect(refusal(sixKeys, 'MessageBody')).toBe(prefixed('Filter policy can not have more than 5 keys'));
  });

  it('counts only top-level keys of a body policy', () => {
    const nested = { a: { b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'], g: ['1'] } };
    expect(() => compileFilterPolicy(nested, 'MessageBody')).not.toThrow();
  });

  it('refuses nesting in the attributes scope', () => {
    expect(refusal({ object: { key: [{ prefix: 'auto-' }] } })).toBe(
      'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
    );
  });

  it('allows at most 150 combinations, weighting nested keys by depth', () => {
    expect(refusal({ key: values(151) })).toBe(prefixed('Filter policy is too complex'));
    expect(refusal({ key1: values(100), key2: values(51) })).toBe(prefixed('Filter policy is too complex'));
    const nested = { key_a: { key_b: { key_c: values(4) } }, key_d: { key_e: values(3) }, key_f: values(3) };
    expect(refusal(nested, 'MessageBody')).toBe(prefixed('Filter policy is too complex'));
  });

  it('sums the combinations of $or alternatives', () => {
    const withOr = (spaceIds: number) => ({
      source: values(3),
      $or: [
        { metricName: values(6) },
        { metricType: values(4), $or: [{ metricId: [1, 2, 3, 4] }, { spaceId: values(spaceIds) }] },
      ],
    });
    expect(() => compileFilterPolicy(withOr(7), 'MessageAttributes')).not.toThrow();
    expect(refusal(withOr(8))).toBe(prefixed('Filter policy is too complex'));
  });
});
