import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  compileEventPattern,
  InvalidEventPatternError,
} from '../../../../infra/local/event-pattern/index.js';

interface FixtureCase {
  id: string;
  expected: 'match' | 'no_match' | 'invalid_pattern';
  pattern?: object;
  patternRaw?: string;
  event?: object;
  eventRaw?: string;
  awsError?: { code: string; message: string };
}

const loadCases = (fileName: string): FixtureCase[] => {
  const url = new URL(`../../../../../shared/fixtures/eventbridge/${fileName}`, import.meta.url);
  const fixture = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as { cases: FixtureCase[] };
  return fixture.cases;
};

const patternOf = (fixtureCase: FixtureCase): string | object => {
  const pattern = fixtureCase.patternRaw ?? fixtureCase.pattern;
  if (pattern === undefined) throw new Error(`${fixtureCase.id} has no pattern`);
  return pattern;
};

const eventOf = (fixtureCase: FixtureCase): unknown =>
  fixtureCase.eventRaw === undefined ? fixtureCase.event : JSON.parse(fixtureCase.eventRaw);

const outcomeOf = (fixtureCase: FixtureCase): FixtureCase['expected'] => {
  try {
    return compileEventPattern(patternOf(fixtureCase)).matches(eventOf(fixtureCase)) ? 'match' : 'no_match';
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return 'invalid_pattern';
    throw error;
  }
};

describe.each(['aws-validated.json', 'event-ruler-tests.json'])('fixture cases in %s', (fileName) => {
  const cases = loadCases(fileName);

  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((fixtureCase) => [fixtureCase.id, fixtureCase] as const))('%s', (_id, fixtureCase) => {
    expect(outcomeOf(fixtureCase)).toBe(fixtureCase.expected);
  });

  const refusals = cases.filter((fixtureCase) => fixtureCase.awsError !== undefined);
  if (refusals.length > 0) {
    it.each(refusals.map((fixtureCase) => [fixtureCase.id, fixtureCase] as const))(
      '%s is refused with AWS error text',
      (_id, fixtureCase) => {
        expect(() => compileEventPattern(patternOf(fixtureCase))).toThrow(
          expect.objectContaining({
            name: fixtureCase.awsError?.code,
            message: fixtureCase.awsError?.message,
          }),
        );
      },
    );
  }
});
