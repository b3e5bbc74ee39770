import { comparableMicros } from './comparable-number.js';
import { type IpRange, ipAddressBytes, isInRange } from './ip-address.js';
import type { JsonPrimitive } from './json.js';
import { matchesWildcard, type WildcardToken } from './wildcard.js';

/** One test a single event value (a leaf of the event) can pass. */
export type ValueMatcher =
  | { readonly kind: 'exact'; readonly value: JsonPrimitive }
  | { readonly kind: 'ip-range'; readonly range: IpRange }
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'suffix'; readonly suffix: string }
  | { readonly kind: 'ignore-case'; readonly expression: RegExp }
  | { readonly kind: 'wildcard'; readonly text: string; readonly tokens: readonly WildcardToken[] }
  | { readonly kind: 'numeric'; readonly range: NumericRange }
  | { readonly kind: 'exists' }
  | { readonly kind: 'anything-but'; readonly excluded: readonly ValueMatcher[] };

/** Bounds in millionths (see comparable-number.ts). */
export interface NumericRange {
  readonly bottom: bigint;
  readonly bottomInclusive: boolean;
  readonly top: bigint;
  readonly topInclusive: boolean;
}

/** `{"exists": false}`: satisfied by the field's absence rather than by any value. */
export const ABSENCE = { kind: 'absent' } as const;
export type PatternTerm = ValueMatcher | typeof ABSENCE;

const isInNumericRange = (range: NumericRange, value: number): boolean => {
  const micros = comparableMicros(value);
  if (micros === undefined) return false;
  const aboveBottom = range.bottomInclusive ? micros >= range.bottom : micros > range.bottom;
  const belowTop = range.topInclusive ? micros <= range.top : micros < range.top;
  return aboveBottom && belowTop;
};

// Only JSON strings can satisfy the string operators: event-ruler matches them against the
// quoted form of the value, which a number, boolean or null never has.
export const matchesValue = (matcher: ValueMatcher, value: JsonPrimitive): boolean => {
  switch (matcher.kind) {
    case 'exact':
      return value === matcher.value;
    case 'ip-range': {
      const address = typeof value === 'string' ? ipAddressBytes(value) : undefined;
      return address !== undefined && isInRange(matcher.range, address);
    }
    case 'prefix':
      return typeof value === 'string' && value.startsWith(matcher.prefix);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(matcher.suffix);
    case 'ignore-case':
      return typeof value === 'string' && matcher.expression.test(value);
    case 'wildcard':
      return typeof value === 'string' && matchesWildcard(matcher.tokens, value);
    case 'numeric':
      return typeof value === 'number' && isInNumericRange(matcher.range, value);
    case 'exists':
      return true;
    case 'anything-but':
      return !matcher.excluded.some((excluded) => matchesValue(excluded, value));
  }
};
