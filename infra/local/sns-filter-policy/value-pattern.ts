import { type IpRange, ipRangeContains } from './ip-address.js';
import type { JsonScalar } from './json.js';
import { type NumericRange, numericRangeContains } from './numeric-range.js';

/** One entry of a policy key's array: the key matches when any of its entries does. */
export type ValuePattern =
  | { readonly kind: 'equals'; readonly value: JsonScalar }
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'suffix'; readonly suffix: string }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'numeric'; readonly range: NumericRange }
  | { readonly kind: 'ip-range'; readonly range: IpRange }
  | { readonly kind: 'anything-but'; readonly excluded: readonly ValuePattern[] }
  | { readonly kind: 'exists'; readonly exists: boolean };

/**
 * Whether one leaf value of the message satisfies the pattern. Values keep their JSON type (the
 * string "100" never equals the number 100, string operators never look at numbers), and
 * `exists: false` is about the absence of any value, so no single value satisfies it.
 */
export function matchesValue(pattern: ValuePattern, value: JsonScalar): boolean {
  switch (pattern.kind) {
    case 'equals':
      return pattern.value === value;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(pattern.prefix);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(pattern.suffix);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === pattern.value.toLowerCase();
    case 'numeric':
      return typeof value === 'number' && numericRangeContains(pattern.range, value);
    case 'ip-range':
      return typeof value === 'string' && ipRangeContains(pattern.range, value);
    case 'anything-but':
      return !pattern.excluded.some((excluded) => matchesValue(excluded, value));
    case 'exists':
      // SNS documents that `exists: true` needs a non-null value.
      return pattern.exists && value !== null;
  }
}
