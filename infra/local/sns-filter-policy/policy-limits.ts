import { invalidFilterPolicy, nestedPolicyInAttributesScope } from './errors.js';
import { type Conjunction, fieldTermsOf } from './policy-tree.js';
import type { FilterPolicyScope } from './scope.js';

const MAX_TOP_LEVEL_KEYS = 5;
const MAX_COMBINATIONS = 150;

/**
 * SNS's complexity measure: each key's value count times its nesting depth, multiplied across
 * ANDed keys and summed across `$or` alternatives.
 */
export function combinationsOf(conjunction: Conjunction): number {
  return conjunction.reduce(
    (product, term) =>
      product *
      (term.kind === 'field'
        ? term.patterns.length * term.path.length
        : term.alternatives.reduce((sum, alternative) => sum + combinationsOf(alternative), 0)),
    1,
  );
}

/**
 * Top-level property names (an attribute name, in the attributes scope), counted once however
 * many `$or` alternatives use them; nested keys below them do not count.
 */
export function topLevelKeyCount(conjunction: Conjunction): number {
  return new Set(fieldTermsOf(conjunction).map((field) => field.path[0])).size;
}

/** Refuses a syntactically valid policy that breaks one of SNS's limits for the scope. */
export function enforcePolicyLimits(conjunction: Conjunction, scope: FilterPolicyScope): void {
  if (scope === 'MessageAttributes' && fieldTermsOf(conjunction).some((field) => field.path.length > 1)) {
    throw nestedPolicyInAttributesScope();
  }
  if (topLevelKeyCount(conjunction) > MAX_TOP_LEVEL_KEYS) {
    throw invalidFilterPolicy(`Filter policy can not have more than ${MAX_TOP_LEVEL_KEYS} keys`);
  }
  if (combinationsOf(conjunction) > MAX_COMBINATIONS) {
    throw invalidFilterPolicy('Filter policy is too complex');
  }
}
