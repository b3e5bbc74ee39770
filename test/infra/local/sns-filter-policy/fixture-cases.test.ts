import { readFileSync } from 'node:fs';
import {
  compileFilterPolicy,
  type FilterPolicyScope,
  type MessageAttributeValue,
} from '../../../../infra/local/sns-filter-policy/index.js';

interface FilterPolicyCase {
  readonly id: string;
  readonly scope: FilterPolicyScope;
  readonly filterPolicy: object | null;
  readonly messageAttributes?: Record<string, MessageAttributeValue>;
  readonly messageBody?: unknown;
  readonly messageBodyRaw?: string;
  readonly expected: 'deliver' | 'filter_out';
}

interface FilterPolicyCaseFile {
  readonly counts: { readonly total: number };
  readonly cases: readonly FilterPolicyCase[];
}

// Shared fixtures live beside the repository root, four levels above this directory.
const fixtureFile = new URL('../../../../../shared/fixtures/sns/filter-policy-cases.json', import.meta.url);
const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8')) as FilterPolicyCaseFile;

/** The published message: raw text where the case gives it, otherwise the body as JSON. */
function messageOf(testCase: FilterPolicyCase): string {
  if (testCase.messageBodyRaw !== undefined) return testCase.messageBodyRaw;
  return typeof testCase.messageBody === 'string'
    ? testCase.messageBody
    : JSON.stringify(testCase.messageBody);
}

describe('SNS filter policy fixture cases', () => {
  it('loads every case the fixture counts', () => {
    expect(fixture.cases).toHaveLength(fixture.counts.total);
  });

  it.each(fixture.cases.map((testCase) => [testCase.id, testCase] as const))('%s', (_id, testCase) => {
    const policy = compileFilterPolicy(testCase.filterPolicy, testCase.scope);
    const delivered = policy.matches({
      message: messageOf(testCase),
      ...(testCase.messageAttributes ? { messageAttributes: testCase.messageAttributes } : {}),
    });
    expect(delivered ? 'deliver' : 'filter_out').toBe(testCase.expected);
  });
});
