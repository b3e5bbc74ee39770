import { compileEventPattern, testEventPattern } from '../../../../infra/local/event-pattern/index.js';

const matches = (pattern: object | string, event: object): boolean =>
  compileEventPattern(pattern).matches(event);

describe('exact values', () => {
  it('tells strings, numbers, booleans and null apart', () => {
    expect(matches({ a: ['1'] }, { a: '1' })).toBe(true);
    expect(matches({ a: ['1'] }, { a: 1 })).toBe(false);
    expect(matches({ a: [1] }, { a: '1' })).toBe(false);
    expect(matches({ a: [true] }, { a: 'true' })).toBe(false);
    expect(matches({ a: [null] }, { a: null })).toBe(true);
    expect(matches({ a: [null] }, {})).toBe(false);
  });

  it('compares numbers by value', () => {
    expect(testEventPattern('{"a": [300]}', '{"a": 3.0e2}')).toBe(true);
    expect(testEventPattern('{"a": [1.50]}', '{"a": 1.5}')).toBe(true);
  });

  it('matches an event array when any element matches', () => {
    expect(matches({ tags: ['b', 'z'] }, { tags: ['a', 'b'] })).toBe(true);
    expect(matches({ tags: ['z'] }, { tags: ['a', 'b'] })).toBe(false);
  });

  it('treats nested keys and dotted keys as the same field', () => {
    expect(matches({ detail: { 'state.status': ['up'] } }, { detail: { state: { status: 'up' } } })).toBe(
      true,
    );
    expect(matches({ detail: { state: { status: ['up'] } } }, { detail: { 'state.status': 'up' } })).toBe(
      true,
    );
  });

  it('matches an IP address written as a plain value in any spelling', () => {
    expect(matches({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0:0:0:0:0:1' })).toBe(true);
    expect(matches({ ip: ['10.0.0.1'] }, { ip: '10.0.0.2' })).toBe(false);
  });

  it('lets the later of two repeated keys win', () => {
    const pattern = '{"source": ["a"], "source": ["b"]}';
    expect(testEventPattern(pattern, '{"source": "b"}')).toBe(true);
    expect(testEventPattern(pattern, '{"source": "a"}')).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it('match the start or end of strings only', () => {
    expect(matches({ a: [{ prefix: 'us-' }] }, { a: 'us-east-1' })).toBe(true);
    expect(matches({ a: [{ prefix: '1' }] }, { a: 123 })).toBe(false);
    expect(matches({ a: [{ suffix: '.png' }] }, { a: 'x.png' })).toBe(true);
    expect(matches({ a: [{ suffix: '.png' }] }, { a: 'x.PNG' })).toBe(false);
  });

  it('can ignore case', () => {
    expect(matches({ a: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }, { a: 'eventbridge' })).toBe(true);
    expect(matches({ a: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { a: 'X.PNG' })).toBe(true);
    expect(matches({ a: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { a: 'X.PNGS' })).toBe(false);
  });
});

describe('equals-ignore-case', () => {
  it('accepts either case at every character, including multi-character upper cases', () => {
    expect(matches({ a: [{ 'equals-ignore-case': 'aBc' }] }, { a: 'AbC' })).toBe(true);
    expect(matches({ a: [{ 'equals-ignore-case': 'straße' }] }, { a: 'STRASSE' })).toBe(true);
    expect(matches({ a: [{ 'equals-ignore-case': 'abc' }] }, { a: 'abcd' })).toBe(false);
  });
});

describe('anything-but', () => {
  it('matches any present value other than the ones listed, whatever its type', () => {
    const pattern = { state: [{ 'anything-but': ['stopped', 'failed'] }] };
    expect(matches(pattern, { state: 'running' })).toBe(true);
    expect(matches(pattern, { state: 'stopped' })).toBe(false);
    expect(matches(pattern, { state: null })).toBe(true);
    expect(matches(pattern, { state: 7 })).toBe(true);
    expect(matches(pattern, {})).toBe(false);
  });

  it('compares numbers by value', () => {
    expect(testEventPattern('{"a": [{"anything-but": [100, 200]}]}', '{"a": 1.0e2}')).toBe(false);
    expect(matches({ a: [{ 'anything-but': 100 }] }, { a: '100' })).toBe(true);
  });

  it('supports prefix, suffix, wildcard and equals-ignore-case', () => {
    expect(matches({ a: [{ 'anything-but': { prefix: 'init' } }] }, { a: 'initial' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': { suffix: ['.txt', '.md'] } }] }, { a: 'a.md' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': { wildcard: '*/tmp/*' } }] }, { a: 'a/tmp/b' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': { wildcard: '*/tmp/*' } }] }, { a: 'a/var/b' })).toBe(true);
    expect(matches({ a: [{ 'anything-but': { 'equals-ignore-case': 'X' } }] }, { a: 'x' })).toBe(false);
  });
});

describe('numeric', () => {
  it('matches ranges of JSON numbers', () => {
    const pattern = { n: [{ numeric: ['>', 0, '<=', 5] }] };
    expect([0, 0.000001, 5, 5.000001].map((n) => matches(pattern, { n }))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(matches(pattern, { n: '3' })).toBe(false);
    expect(matches({ n: [{ numeric: ['=', 301.8] }] }, { n: 3.018e2 })).toBe(true);
    expect(matches({ n: [{ numeric: ['<', 10] }] }, { n: -1e9 })).toBe(true);
  });

  it('never matches event numbers EventBridge cannot compare', () => {
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 6e9 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 0.1234567 })).toBe(false);
  });
});

describe('exists', () => {
  it('tells a missing field from a null one', () => {
    expect(matches({ a: [{ exists: true }] }, { a: null })).toBe(true);
    expect(matches({ a: [{ exists: false }] }, { a: null })).toBe(false);
    expect(matches({ a: [{ exists: false }] }, { b: 1 })).toBe(true);
  });

  it('only sees leaf values', () => {
    expect(matches({ a: [{ exists: true }] }, { a: { b: 1 } })).toBe(false);
    expect(matches({ a: [{ exists: false }] }, { a: { b: 1 } })).toBe(true);
    expect(matches({ a: [{ exists: true }] }, { a: [] })).toBe(false);
    expect(matches({ a: [{ exists: true }] }, { a: [1] })).toBe(true);
  });
});

describe('wildcard', () => {
  it('matches any run of characters at each asterisk', () => {
    const pattern = { arn: [{ wildcard: 'arn:aws:events:*:*:event-bus/*' }] };
    expect(matches(pattern, { arn: 'arn:aws:events:us-east-1:123:event-bus/default' })).toBe(true);
    expect(matches(pattern, { arn: 'arn:aws:sqs:us-east-1:123:queue' })).toBe(false);
    expect(matches({ a: [{ wildcard: 'xy*' }] }, { a: 'xy' })).toBe(true);
    expect(matches({ a: [{ wildcard: '*' }] }, { a: 12 })).toBe(false);
  });

  it('treats escaped asterisks and backslashes literally', () => {
    expect(matches({ a: [{ wildcard: 'a\\*b' }] }, { a: 'a*b' })).toBe(true);
    expect(matches({ a: [{ wildcard: 'a\\*b' }] }, { a: 'axb' })).toBe(false);
    expect(matches({ a: [{ wildcard: 'a\\\\*' }] }, { a: 'a\\anything' })).toBe(true);
  });
});

describe('cidr', () => {
  it('matches IPv4 and IPv6 addresses inside the block', () => {
    expect(matches({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.0.255' })).toBe(true);
    expect(matches({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.1.0' })).toBe(false);
    expect(matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db8:ffff::1' })).toBe(true);
    expect(matches({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: '::ffff:10.1.1.1' })).toBe(false);
  });
});

describe('$or and arrays of objects', () => {
  it('matches when any alternative matches as a whole', () => {
    const pattern = { source: ['s'], $or: [{ a: ['1'] }, { b: ['2'], c: ['3'] }] };
    expect(matches(pattern, { source: 's', b: '2', c: '3' })).toBe(true);
    expect(matches(pattern, { source: 's', b: '2' })).toBe(false);
    expect(matches(pattern, { source: 'x', a: '1' })).toBe(false);
  });

  it('requires fields to come from the same element of an array of objects', () => {
    const event = {
      people: [
        { first: 'Ann', last: 'Lee' },
        { first: 'Bo', last: 'Kim' },
      ],
    };
    expect(matches({ people: { first: ['Ann'], last: ['Lee'] } }, event)).toBe(true);
    expect(matches({ people: { first: ['Ann'], last: ['Kim'] } }, event)).toBe(false);
  });
});
