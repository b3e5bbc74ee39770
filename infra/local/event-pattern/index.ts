import { checkWildcardComplexity } from './check-complexity.js';
import { InvalidEventPatternError } from './errors.js';
import { flattenEvent } from './flatten-event.js';
import type { JsonValue } from './json.js';
import { matchesOrderedSubRule, orderSubRule } from './match.js';
import { parsePattern } from './parse-pattern.js';

export { InvalidEventPatternError } from './errors.js';

export interface EventPatternMatcher {
  /** True when EventBridge would deliver `event` to a rule with this pattern. */
  matches(event: unknown): boolean;
}

const parseJson = (text: string): JsonValue => {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new InvalidEventPatternError(error instanceof Error ? error.message : String(error));
  }
};

/**
 * Validates an EventBridge event pattern and compiles it for repeated matching. Throws
 * InvalidEventPatternError for any pattern AWS refuses. A pattern given as text may repeat a
 * key; as in AWS, the later occurrence wins.
 */
export const compileEventPattern = (patternJson: string | object): EventPatternMatcher => {
  // A round trip through JSON leaves exactly what AWS would receive for an object pattern.
  const pattern = parseJson(typeof patternJson === 'string' ? patternJson : JSON.stringify(patternJson));
  const rules = parsePattern(pattern).map(orderSubRule);
  checkWildcardComplexity(rules);
  return {
    matches(event: unknown): boolean {
      if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
      const fields = flattenEvent(event);
      return rules.some((rule) => matchesOrderedSubRule(rule, fields));
    },
  };
};

/** The TestEventPattern API: both arguments are JSON text. */
export const testEventPattern = (pattern: string, event: string): boolean =>
  compileEventPattern(pattern).matches(JSON.parse(event));
