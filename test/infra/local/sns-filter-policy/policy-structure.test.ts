import {
  compileFilterPolicy,
  type MessageAttributeValue,
  testFilterPolicy,
} from '../../../../infra/local/sns-filter-policy/index.js';

const body = (value: unknown) => ({ message: JSON.stringify(value) });
const attributes = (messageAttributes: Record<string, MessageAttributeValue>) => ({
  message: 'ignored',
  messageAttributes,
});

describe('policies without filtering', () => {
  it.each([null, undefined, '', '{}', {}])('delivers everything for %j', (policy) => {
    expect(testFilterPolicy(policy, 'MessageBody', { message: 'not json' })).toBe(true);
    expect(testFilterPolicy(policy, 'MessageAttributes', { message: 'x' })).toBe(true);
  });
});

describe('AND across keys, OR within a key', () => {
  const policy = compileFilterPolicy(
    { sport: ['rugby', 'tennis'], price: [{ numeric: ['>', 100] }] },
    'MessageBody',
  );

  it('needs every key to match one of its values', () => {
    expect(policy.matches(body({ sport: 'tennis', price: 101 }))).toBe(true);
    expect(policy.matches(body({ sport: 'tennis', price: 99 }))).toBe(false);
    expect(policy.matches(body({ sport: 'tennis' }))).toBe(false);
  });

  it('accepts a policy given as JSON text', () => {
    const fromText = compileFilterPolicy('{"sport": ["rugby"]}', 'MessageBody');
    expect(fromText.matches(body({ sport: 'rugby' }))).toBe(true);
  });
});

describe('$or', () => {
  const policy = compileFilterPolicy(
    {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { namespace: ['AWS/EC2'], $or: [{ a: ['1'] }, { b: ['2'] }] },
      ],
    },
    'MessageAttributes',
  );
  const source = { source: { Type: 'String', Value: 'aws.cloudwatch' } };

  it('matches when any alternative matches alongside the other keys', () => {
    expect(
      policy.matches(attributes({ ...source, metricName: { Type: 'String', Value: 'CPUUtilization' } })),
    ).toBe(true);
    expect(
      policy.matches(
        attributes({
          ...source,
          namespace: { Type: 'String', Value: 'AWS/EC2' },
          b: { Type: 'String', Value: '2' },
        }),
      ),
    ).toBe(true);
  });

  it('refuses when no alternative is complete', () => {
    expect(policy.matches(attributes({ ...source, namespace: { Type: 'String', Value: 'AWS/EC2' } }))).toBe(
      false,
    );
    expect(policy.matches(attributes({ metricName: { Type: 'String', Value: 'CPUUtilization' } }))).toBe(
      false,
    );
  });
});

describe('message body scope', () => {
  it('filters out bodies that are not JSON objects', () => {
    const policy = compileFilterPolicy({ key: [{ exists: false }] }, 'MessageBody');
    expect(policy.matches({ message: 'plain text' })).toBe(false);
    expect(policy.matches({ message: '"a JSON string"' })).toBe(false);
    expect(policy.matches({ message: '[1, 2]' })).toBe(false);
    expect(policy.matches({ message: '{}' })).toBe(true);
  });

  it('reaches nested properties, whether nested in the policy, the body or written with dots', () => {
    const nested = compileFilterPolicy({ a: { b: { c: ['x'] } } }, 'MessageBody');
    const dotted = compileFilterPolicy({ 'a.b.c': ['x'] }, 'MessageBody');
    for (const message of [{ a: { b: { c: 'x' } } }, { 'a.b': { c: 'x' } }, { a: { 'b.c': 'x' } }]) {
      expect(nested.matches(body(message))).toBe(true);
      expect(dotted.matches(body(message))).toBe(true);
    }
    expect(nested.matches(body({ a: { b: 'x' } }))).toBe(false);
  });

  it('looks through arrays, including arrays of arrays of objects', () => {
    const policy = compileFilterPolicy({ records: { key: ['x'] } }, 'MessageBody');
    expect(policy.matches(body({ records: [{ key: 'y' }, [{ key: 'x' }]] }))).toBe(true);
    expect(policy.matches(body({ records: [{ key: 'y' }] }))).toBe(false);
  });

  it('takes the values for one branch from the same element of an array of objects', () => {
    const policy = compileFilterPolicy(
      { Records: { eventName: [{ prefix: 'ObjectCreated:' }], s3: { key: [{ prefix: 'auto-' }] } } },
      'MessageBody',
    );
    const record = (eventName: string, key: string) => ({ eventName, s3: { key } });
    expect(
      policy.matches(
        body({ Records: [record('ObjectRemoved:Delete', 'auto-1'), record('ObjectCreated:Put', 'home-2')] }),
      ),
    ).toBe(false);
    expect(
      policy.matches(
        body({ Records: [record('ObjectRemoved:Delete', 'home-1'), record('ObjectCreated:Put', 'auto-2')] }),
      ),
    ).toBe(true);
  });
});

describe('message attributes scope', () => {
  const policy = compileFilterPolicy({ key: ['value', 5] }, 'MessageAttributes');

  it('reads String.Array values as JSON arrays of any scalars', () => {
    expect(policy.matches(attributes({ key: { Type: 'String.Array', Value: '["other", 5]' } }))).toBe(true);
    expect(policy.matches(attributes({ key: { Type: 'String.Array', Value: "['value']" } }))).toBe(false);
  });

  it('filters custom types as their base type', () => {
    expect(policy.matches(attributes({ key: { Type: 'String.custom', Value: 'value' } }))).toBe(true);
    expect(policy.matches(attributes({ key: { Type: 'Number.int', Value: '5' } }))).toBe(true);
  });

  it('ignores Binary attributes', () => {
    expect(policy.matches(attributes({ key: { Type: 'Binary', Value: 'value' } }))).toBe(false);
    const absent = compileFilterPolicy({ key: [{ exists: false }] }, 'MessageAttributes');
    expect(absent.matches(attributes({ key: { Type: 'Binary', Value: 'AAEC' } }))).toBe(true);
  });
});
