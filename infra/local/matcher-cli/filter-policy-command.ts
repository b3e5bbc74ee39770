/**
 * `test-filter-policy`: whether SNS would deliver a message to a subscription with this filter
 * policy, printing `{"Result":true|false}` (SNS has no such API; the output follows
 * `test-event-pattern`); or, with `--cases <file>`, one `<id> deliver|filter_out` line per case.
 */
import { parseArgs } from 'node:util';
import {
  compileFilterPolicy,
  type FilterPolicyScope,
  InvalidFilterPolicyError,
  type MessageAttributeValue,
} from '../sns-filter-policy/index.js';
import { type CaseRecord, printCaseOutcomes, rawOrParsed } from './case-file.js';
import {
  type CommandIo,
  jsonParameter,
  parameterText,
  printTestResult,
  type ServiceRefusal,
  UsageError,
} from './command-io.js';
import { messageAttributesOf } from './message-attributes.js';

export const FILTER_POLICY_USAGE = [
  "npm run -s local -- test-filter-policy --filter-policy '<json>' [--scope MessageAttributes|MessageBody]",
  "    [--message '<body>'] [--message-attributes '<json>']",
  'npm run -s local -- test-filter-policy --cases <fixture file>',
].join('\n');

/** SNS applies a policy to the message attributes unless the subscription says otherwise. */
const DEFAULT_SCOPE: FilterPolicyScope = 'MessageAttributes';

/** The published body of a case: raw text where given, a string as is, anything else as JSON. */
function caseMessage(record: CaseRecord): string {
  const body = rawOrParsed(record, 'messageBodyRaw', 'messageBody');
  return typeof body === 'string' ? body : JSON.stringify(body ?? null);
}

/** Whether SNS would deliver the case's message; a policy SNS refuses is reported, not thrown. */
function caseOutcome(record: CaseRecord): 'deliver' | 'filter_out' | 'invalid_policy' {
  const attributes =
    record.messageAttributes === undefined
      ? undefined
      : messageAttributesOf(record.messageAttributes, `case ${record.id}: messageAttributes`);
  try {
    const policy = compileFilterPolicy(
      record.filterPolicy as object | null,
      record.scope as FilterPolicyScope,
    );
    const delivered = policy.matches({
      message: caseMessage(record),
      ...(attributes ? { messageAttributes: attributes } : {}),
    });
    return delivered ? 'deliver' : 'filter_out';
  } catch (error) {
    if (error instanceof InvalidFilterPolicyError) return 'invalid_policy';
    throw error;
  }
}

interface SingleTest {
  readonly policy: string;
  readonly scope: string;
  readonly message: string;
  readonly attributes?: Readonly<Record<string, MessageAttributeValue>>;
}

/** A policy SNS refuses, as Subscribe reports it. */
const refusal = (error: unknown): ServiceRefusal | undefined =>
  error instanceof InvalidFilterPolicyError ? { code: error.code, message: error.message } : undefined;

function runOne(test: SingleTest, io: CommandIo): number {
  return printTestResult(io, 'Subscribe', refusal, () =>
    compileFilterPolicy(test.policy, test.scope as FilterPolicyScope).matches({
      message: test.message,
      ...(test.attributes ? { messageAttributes: test.attributes } : {}),
    }),
  );
}

export function testFilterPolicyCommand(args: readonly string[], io: CommandIo): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      'filter-policy': { type: 'string' },
      scope: { type: 'string' },
      message: { type: 'string' },
      'message-attributes': { type: 'string' },
      cases: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const { cases, 'filter-policy': policy, 'message-attributes': attributes, ...rest } = values;
  if (cases !== undefined) {
    if (
      policy !== undefined ||
      attributes !== undefined ||
      rest.scope !== undefined ||
      rest.message !== undefined
    )
      throw new UsageError('--cases takes the policies and messages from the file: give it alone');
    return printCaseOutcomes(cases, caseOutcome, io);
  }
  if (policy === undefined) throw new UsageError('the following arguments are required: --filter-policy');
  return runOne(
    {
      policy: parameterText('filter-policy', policy),
      scope: rest.scope ?? DEFAULT_SCOPE,
      message: rest.message === undefined ? '' : parameterText('message', rest.message),
      ...(attributes === undefined
        ? {}
        : {
            attributes: messageAttributesOf(
              jsonParameter('message-attributes', attributes),
              "parameter '--message-attributes'",
            ),
          }),
    },
    io,
  );
}
