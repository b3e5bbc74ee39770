import type { Leaf, MessageDocument } from './message-document.js';
import type { PolicyBranch } from './policy-branches.js';
import { matchesValue, type ValuePattern } from './value-pattern.js';

/** How one policy key fares: the message values it could match, or a verdict on its own. */
type KeyOutcome = 'unsatisfied' | 'satisfied-by-absence' | readonly Leaf[];

function outcomeForKey(patterns: readonly ValuePattern[], leaves: readonly Leaf[]): KeyOutcome {
  if (leaves.length === 0) {
    const wantsAbsence = patterns.some((pattern) => pattern.kind === 'exists' && !pattern.exists);
    return wantsAbsence ? 'satisfied-by-absence' : 'unsatisfied';
  }
  const matching = leaves.filter((leaf) => patterns.some((pattern) => matchesValue(pattern, leaf.value)));
  return matching.length === 0 ? 'unsatisfied' : matching;
}

/** Values from different elements of the same array cannot satisfy one branch together. */
function areFromSameElements(left: Leaf, right: Leaf): boolean {
  return left.positions.every((leftPosition) =>
    right.positions.every(
      (rightPosition) =>
        rightPosition.arrayId !== leftPosition.arrayId || rightPosition.index === leftPosition.index,
    ),
  );
}

function hasConsistentChoice(
  candidatesPerKey: readonly (readonly Leaf[])[],
  chosen: readonly Leaf[],
): boolean {
  const [candidates, ...remaining] = candidatesPerKey;
  if (candidates === undefined) return true;
  return candidates.some(
    (candidate) =>
      chosen.every((leaf) => areFromSameElements(leaf, candidate)) &&
      hasConsistentChoice(remaining, [...chosen, candidate]),
  );
}

/**
 * A branch matches when every key matches, with the values it matches on taken from the same
 * element of any array of objects they share (as SNS matches arrays of objects).
 */
export function matchesBranch(branch: PolicyBranch, document: MessageDocument): boolean {
  const candidatesPerKey: (readonly Leaf[])[] = [];
  for (const [path, patterns] of branch) {
    const outcome = outcomeForKey(patterns, document.get(path) ?? []);
    if (outcome === 'unsatisfied') return false;
    if (outcome !== 'satisfied-by-absence') candidatesPerKey.push(outcome);
  }
  return hasConsistentChoice(candidatesPerKey, []);
}
