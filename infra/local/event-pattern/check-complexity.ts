import { invalidPattern } from './errors.js';
import type { OrderedSubRule } from './match.js';
import type { WildcardToken } from './wildcard.js';
import { MAX_WILDCARD_COMPLEXITY, wildcardComplexity } from './wildcard-complexity.js';

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

// event-ruler keeps one automaton per field per state of its rule machine, and alternatives
// that agree on every earlier field (in name order) share that state and so that automaton.
const automatonKey = (rule: OrderedSubRule, fieldIndex: number): string =>
  JSON.stringify([
    ...rule.slice(0, fieldIndex).map(([name, condition]) => [name, condition.source]),
    rule[fieldIndex]?.[0],
  ]);

/** Refuses the pattern when the wildcards sharing one automaton are too costly to run. */
export const checkWildcardComplexity = (rules: readonly OrderedSubRule[]): void => {
  const wildcardsByAutomaton = new Map<string, Map<string, readonly WildcardToken[]>>();
  for (const rule of rules) {
    rule.forEach(([, condition], fieldIndex) => {
      for (const matcher of condition.matchers) {
        if (matcher.kind !== 'wildcard') continue;
        const key = automatonKey(rule, fieldIndex);
        const wildcards = wildcardsByAutomaton.get(key) ?? new Map<string, readonly WildcardToken[]>();
        wildcardsByAutomaton.set(key, wildcards.set(matcher.text, matcher.tokens));
      }
    });
  }
  for (const wildcards of wildcardsByAutomaton.values()) {
    if (wildcardComplexity([...wildcards.values()]) > MAX_WILDCARD_COMPLEXITY) invalidPattern(TOO_COMPLEX);
  }
};
