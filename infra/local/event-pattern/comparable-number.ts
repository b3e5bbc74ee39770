import { invalidPattern } from './errors.js';

/**
 * EventBridge compares numbers as whole millionths between -5e9 and 5e9 (event-ruler's
 * ComparableNumber). A number outside that grid cannot take part in numeric matching at all:
 * in an event it simply never satisfies a numeric condition, in a pattern it is refused.
 */
const DECIMAL_PLACES = 6;
export const FIVE_BILLION_MICROS = 5_000_000_000n * 10n ** BigInt(DECIMAL_PLACES);

const TOO_PRECISE = 'Only values upto 6 decimals are supported';
const OUT_OF_RANGE = 'Value must be between -5.0E9 and 5.0E9, inclusive';

type Conversion = { micros: bigint } | { failure: string };

// String(number) is the shortest text that reads back as the same double, so its digits are
// the decimal value the JSON text carried (short of precision a double cannot hold anyway).
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

const convert = (value: number): Conversion => {
  const parts = NUMBER_TEXT.exec(String(value));
  if (!parts) return { failure: OUT_OF_RANGE };
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = parts;
  const digits = BigInt(`${whole}${fraction}`);
  // String(number) never ends its fraction with a zero, so this is the true count of decimals.
  const scale = fraction.length - Number(exponent);
  if (scale > DECIMAL_PLACES) return { failure: TOO_PRECISE };
  const micros = (sign === '-' ? -digits : digits) * 10n ** BigInt(DECIMAL_PLACES - scale);
  if (micros < -FIVE_BILLION_MICROS || micros > FIVE_BILLION_MICROS) return { failure: OUT_OF_RANGE };
  return { micros };
};

/** The value in millionths, or undefined when an event's number is off EventBridge's numeric grid. */
export const comparableMicros = (value: number): bigint | undefined => {
  const conversion = convert(value);
  return 'micros' in conversion ? conversion.micros : undefined;
};

/** The value in millionths; a pattern number off the grid makes the pattern invalid. */
export const requireComparableMicros = (value: number): bigint => {
  const conversion = convert(value);
  return 'micros' in conversion ? conversion.micros : invalidPattern(conversion.failure);
};
