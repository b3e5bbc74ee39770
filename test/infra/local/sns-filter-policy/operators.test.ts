import {
  type MessageAttributeValue,
  testFilterPolicy,
} from '../../../../infra/local/sns-filter-policy/index.js';

const string = (Value: string): MessageAttributeValue => ({ Type: 'String', Value });
const number = (Value: string): MessageAttributeValue => ({ Type: 'Number', Value });
const stringArray = (values: unknown[]): MessageAttributeValue => ({
  Type: 'String.Array',
  Value: JSON.stringify(values),
});

/** Does a message with attribute `key` set to `attribute` pass `{ key: policyValues }`? */
function attributePasses(policyValues: unknown[], attribute: MessageAttributeValue): boolean {
  return testFilterPolicy({ key: policyValues }, 'MessageAttributes', {
    message: 'ignored',
    messageAttributes: { key: attribute },
  });
}

/** Does the body `{ key: value }` pass `{ key: policyValues }`? */
function bodyPasses(policyValues: unknown[], value: unknown): boolean {
  return testFilterPolicy({ key: policyValues }, 'MessageBody', { message: JSON.stringify({ key: value }) });
}

describe('exact matching', () => {
  it('matches any listed value of the same JSON type', () => {
    expect(attributePasses(['rugby', 'tennis'], string('tennis'))).toBe(true);
    expect(attributePasses(['rugby'], string('Rugby'))).toBe(false);
    expect(bodyPasses([false], false)).toBe(true);
    expect(bodyPasses([null], null)).toBe(true);
    expect(bodyPasses(['false'], false)).toBe(false);
  });

  it('compares numbers by value and never equates a number with its text', () => {
    expect(attributePasses([301.5], number('3.015e2'))).toBe(true);
    expect(bodyPasses([100], 100.0)).toBe(true);
    expect(attributePasses(['100'], number('100'))).toBe(false);
    expect(attributePasses([100], string('100'))).toBe(false);
  });

  it('matches an array when any element matches', () => {
    expect(attributePasses(['rugby'], stringArray(['soccer', 'rugby']))).toBe(true);
    expect(bodyPasses(['rugby'], ['soccer', 'hockey'])).toBe(false);
  });
});

describe('prefix, suffix and equals-ignore-case', () => {
  it('apply to strings only', () => {
    expect(attributePasses([{ prefix: 'bas' }], string('basketball'))).toBe(true);
    expect(attributePasses([{ prefix: 'bas' }], string('rugby'))).toBe(false);
    expect(attributePasses([{ suffix: 'ball' }], string('football'))).toBe(true);
    expect(attributePasses([{ 'equals-ignore-case': 'RuGbY' }], string('rugby'))).toBe(true);
    expect(bodyPasses([{ prefix: '1' }], 10)).toBe(false);
  });
});

describe('anything-but', () => {
  it('matches present values outside the list, but not a missing key', () => {
    expect(attributePasses([{ 'anything-but': ['rugby', 'tennis'] }], string('football'))).toBe(true);
    expect(attributePasses([{ 'anything-but': 'rugby' }], string('rugby'))).toBe(false);
    expect(
      testFilterPolicy({ key: [{ 'anything-but': 'rugby' }] }, 'MessageAttributes', {
        message: 'ignored',
        messageAttributes: { other: string('x') },
      }),
    ).toBe(false);
  });

  it('matches an array holding at least one value outside the list', () => {
    expect(bodyPasses([{ 'anything-but': ['rugby', 'tennis'] }], ['rugby', 'baseball'])).toBe(true);
    expect(bodyPasses([{ 'anything-but': ['rugby', 'tennis'] }], ['rugby'])).toBe(false);
  });

  it('excludes numbers by value', () => {
    expect(attributePasses([{ 'anything-but': [100, 500] }], number('100.0'))).toBe(false);
    expect(attributePasses([{ 'anything-but': [100, 500] }], number('100.1'))).toBe(true);
  });

  it('excludes a prefix or a suffix', () => {
    expect(attributePasses([{ 'anything-but': { prefix: 'order-' } }], string('order_number'))).toBe(true);
    expect(attributePasses([{ 'anything-but': { prefix: 'order-' } }], string('order-cancelled'))).toBe(
      false,
    );
    expect(attributePasses([{ 'anything-but': { suffix: '.png' } }], string('photo.jpg'))).toBe(true);
    expect(attributePasses([{ 'anything-but': { suffix: '.png' } }], string('photo.png'))).toBe(false);
  });

  it('combines with exists: false to also accept a missing key', () => {
    const policy = { key: [{ 'anything-but': 'rugby' }, { exists: false }] };
    const withOther = { message: 'ignored', messageAttributes: { other: string('x') } };
    expect(testFilterPolicy(policy, 'MessageAttributes', withOther)).toBe(true);
  });
});

describe('numeric', () => {
  it.each([
    [['=', 300], '300', true],
    [['=', 300], '301', false],
    [['>', 300], '300', false],
    [['>=', 300], '300', true],
    [['<', 300], '300', false],
    [['<=', 300], '300', true],
    [['>', 0, '<=', 150], '150', true],
    [['>', 0, '<=', 150], '0', false],
    [['>=', -10, '<', 10], '-10', true],
  ])('%j against %s gives %s', (expression, value, expected) => {
    expect(attributePasses([{ numeric: expression }], number(value))).toBe(expected);
  });

  it('only looks at numbers', () => {
    expect(attributePasses([{ numeric: ['=', 300] }], string('300'))).toBe(false);
    expect(bodyPasses([{ numeric: ['>', 0] }], '5')).toBe(false);
    expect(bodyPasses([{ numeric: ['>', 0] }], [-1, 5])).toBe(true);
  });
});

describe('exists', () => {
  const withAttributes = (messageAttributes: Record<string, MessageAttributeValue>) => ({
    message: 'ignored',
    messageAttributes,
  });

  it('tests for the key being there', () => {
    const mustExist = { store: [{ exists: true }] };
    expect(testFilterPolicy(mustExist, 'MessageAttributes', withAttributes({ store: number('1') }))).toBe(
      true,
    );
    expect(testFilterPolicy(mustExist, 'MessageAttributes', withAttributes({ other: number('1') }))).toBe(
      false,
    );
    const mustBeAbsent = { store: [{ exists: false }] };
    expect(testFilterPolicy(mustBeAbsent, 'MessageAttributes', withAttributes({ other: number('1') }))).toBe(
      true,
    );
  });

  it('never matches a message without attributes, even for exists: false', () => {
    expect(testFilterPolicy({ store: [{ exists: false }] }, 'MessageAttributes', { message: 'x' })).toBe(
      false,
    );
  });

  it('needs a non-null, non-empty leaf in the body', () => {
    expect(bodyPasses([{ exists: true }], null)).toBe(false);
    expect(bodyPasses([{ exists: true }], [])).toBe(false);
    expect(bodyPasses([{ exists: true }], { nested: 'object' })).toBe(false);
    expect(bodyPasses([{ exists: true }], '')).toBe(true);
  });
});

describe('cidr', () => {
  it('matches IPv4 and IPv6 addresses inside the block', () => {
    expect(attributePasses([{ cidr: '10.0.0.0/24' }], string('10.0.0.255'))).toBe(true);
    expect(attributePasses([{ cidr: '10.0.0.0/24' }], string('10.0.1.0'))).toBe(false);
    expect(bodyPasses([{ cidr: '2001:db8:1234:1a00::/64' }], '2001:db8:1234:1a00::1')).toBe(true);
    expect(bodyPasses([{ cidr: '2001:db8:1234:1a00::/64' }], '2001:db8:1234:1a01::1')).toBe(false);
  });

  it('ignores values that are not addresses, and the other address family', () => {
    expect(attributePasses([{ cidr: '10.0.0.0/24' }], string('10.0.0.256'))).toBe(false);
    expect(attributePasses([{ cidr: '10.0.0.0/24' }], string('not-an-ip'))).toBe(false);
    expect(bodyPasses([{ cidr: '0.0.0.0/0' }], '::1')).toBe(false);
  });

  it('compares a plain address in the policy as an address, not as text', () => {
    expect(bodyPasses(['2001:db8::1'], '2001:0DB8:0:0:0:0:0:1')).toBe(true);
    expect(bodyPasses(['2001:db8::1'], '2001:db8::2')).toBe(false);
  });

  it('starts the block at the address as written, like SNS', () => {
    expect(bodyPasses([{ cidr: '10.0.0.5/24' }], '10.0.0.4')).toBe(false);
    expect(bodyPasses([{ cidr: '10.0.0.5/24' }], '10.0.0.200')).toBe(true);
  });
});
