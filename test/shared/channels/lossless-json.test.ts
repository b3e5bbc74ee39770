import fc from 'fast-check';
import { parseJsonKeepingBigIntegers } from '../../../shared/channels/lossless-json.js';
import { fixtureText, SHOPIFY_CANNED } from './webhook-fixtures.js';

const throws = (parse: () => unknown): boolean => {
  try {
    parse();
    return false;
  } catch {
    return true;
  }
};

describe('parseJsonKeepingBigIntegers', () => {
  it('keeps the canned Shopify order ids exact, where JSON.parse rounds them', () => {
    const text = fixtureText(SHOPIFY_CANNED);
    const plain = JSON.parse(text) as { id: number };
    expect(String(plain.id)).not.toBe('820982911946154508');
    const exact = parseJsonKeepingBigIntegers(text) as {
      id: unknown;
      line_items: Array<{ id: unknown; variant_id: unknown }>;
      customer: { id: unknown; default_address: { customer_id: unknown } };
    };
    expect(exact.id).toBe('820982911946154508');
    expect(exact.line_items.map((item) => item.id)).toEqual(['866550311766439020', '141249953214522974']);
    expect(exact.customer.id).toBe('115310627314723954');
    expect(exact.customer.default_address.customer_id).toBe('115310627314723954');
    // Safe integers stay numbers.
    expect(exact.line_items[0]?.variant_id).toBe(808950810);
  });

  it('quotes unsafe integers in every value position and nowhere else', () => {
    const big = '9007199254740993';
    expect(parseJsonKeepingBigIntegers(big)).toBe(big);
    expect(parseJsonKeepingBigIntegers(`[${big}, -${big}, 1, ${big}]`)).toEqual([big, `-${big}`, 1, big]);
    expect(parseJsonKeepingBigIntegers(`{"a":${big},"b":{"c":[ ${big} ]}}`)).toEqual({
      a: big,
      b: { c: [big] },
    });
    expect(parseJsonKeepingBigIntegers('9007199254740991')).toBe(9007199254740991);
    expect(parseJsonKeepingBigIntegers(`{"f":${big}.5,"e":${big}e2}`)).toEqual({
      f: Number(`${big}.5`),
      e: Number(`${big}e2`),
    });
    const inString = `{"s":"${big} \\" ${big}","t":"\\\\"}`;
    expect(parseJsonKeepingBigIntegers(inString)).toEqual(JSON.parse(inString));
  });

  it('leaves invalid JSON invalid, including unsafe integers used as keys', () => {
    const big = '12345678901234567890';
    for (const text of [
      `{${big}:1}`,
      `{"a":1,${big}:2}`,
      `[1 ${big}]`,
      `0${big}`,
      `${big}.`,
      `{"a":${big}`,
      '',
    ]) {
      expect(throws(() => parseJsonKeepingBigIntegers(text))).toBe(true);
    }
  });

  it('reads every JSON text as JSON.parse does, but for unsafe integers, which keep their digits', () => {
    // fc.json writes numbers with JSON.stringify, so an integer token's digits are String(n).
    const unsafeIntegersAsText = (_key: string, value: unknown) =>
      typeof value === 'number' &&
      Number.isInteger(value) &&
      !Number.isSafeInteger(value) &&
      !/e/.test(String(value))
        ? String(value)
        : value;
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseJsonKeepingBigIntegers(text)).toEqual(JSON.parse(text, unsafeIntegersAsText));
      }),
      { numRuns: 500 },
    );
  });

  it('turns every unsafe integer, wherever it is nested, into its exact decimal string', () => {
    const bigInteger = fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }).chain((n) => fc.constantFrom(n, -n));
    const tree = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        bigInteger.map(String),
        fc.array(tie('node')).map((items) => `[${items.join(', ')}]`),
        fc
          .array(fc.tuple(fc.stringMatching(/^[a-z_ ]{0,6}$/), tie('node')))
          .map(
            (entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`,
          ),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (text) => {
        const quoted = text.replace(/-?\d+/g, (digits) => `"${digits}"`);
        expect(parseJsonKeepingBigIntegers(text)).toEqual(JSON.parse(quoted));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts exactly the texts JSON.parse accepts', () => {
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '"k"',
      '"\\""',
      '12345678901234567890',
      '-1',
      '0',
      ' ',
      '.5',
      'e3',
      '"',
      '\\',
      'true',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(throws(() => parseJsonKeepingBigIntegers(text))).toBe(throws(() => JSON.parse(text)));
      }),
      { numRuns: 3000 },
    );
  });
});
