import type { Conjunction } from './policy-tree.js';
import type { ValuePattern } from './value-pattern.js';

/**
 * One way for a message to satisfy the policy: every dotted key must match. A policy without
 * `$or` has a single branch.
 */
export type PolicyBranch = ReadonlyMap<string, readonly ValuePattern[]>;

// Dots join nested names, so `{"a": {"b": …}}` and `{"a.b": …}` name the same key, as in SNS;
// a repeated key keeps its last array.
function extendBranches(branches: readonly PolicyBranch[], conjunction: Conjunction): PolicyBranch[] {
  return conjunction.reduce<PolicyBranch[]>(
    (current, term) =>
      term.kind === 'field'
        ? current.map((branch) => new Map(branch).set(term.path.join('.'), term.patterns))
        : term.alternatives.flatMap((alternative) => extendBranches(current, alternative)),
    [...branches],
  );
}

export function expandBranches(conjunction: Conjunction): PolicyBranch[] {
  return extendBranches([new Map()], conjunction);
}
