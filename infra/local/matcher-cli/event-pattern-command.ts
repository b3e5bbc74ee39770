/**
 * `test-event-pattern`: the local EventBridge matcher behind the same command line as
 * `aws events test-event-pattern --event-pattern <json> --event <json>`, printing
 * `{"Result":true|false}`; or, with `--cases <file>`, one `<id> match|no_match|invalid_pattern`
 * line per case of a fixture file.
 */
import { parseArgs } from 'node:util';
import { compileEventPattern, InvalidEventPatternError } from '../event-pattern/index.js';
import { type CaseRecord, caseJson, printCaseOutcomes, rawOrParsed } from './case-file.js';
import {
  type CommandIo,
  jsonParameter,
  parameterText,
  printTestResult,
  type ServiceRefusal,
  UsageError,
} from './command-io.js';

export const EVENT_PATTERN_USAGE = [
  "npm run -s local -- test-event-pattern --event-pattern '<json>' --event '<json>'",
  'npm run -s local -- test-event-pattern --cases <fixture file>',
].join('\n');

type Outcome = 'match' | 'no_match' | 'invalid_pattern';

/** What EventBridge answers for one case; a pattern it refuses is an outcome, not a failure. */
function caseOutcome(record: CaseRecord): Outcome {
  // A raw pattern may repeat a key, which parsing the file as JSON has already lost.
  const pattern = rawOrParsed(record, 'patternRaw', 'pattern');
  if (typeof pattern !== 'string' && (typeof pattern !== 'object' || pattern === null))
    throw new UsageError(`case ${record.id} has no "pattern"`);
  const event = caseJson(record, 'eventRaw', 'event');
  try {
    return compileEventPattern(pattern).matches(event) ? 'match' : 'no_match';
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return 'invalid_pattern';
    throw error;
  }
}

/** A pattern EventBridge refuses, as TestEventPattern reports it. */
const refusal = (error: unknown): ServiceRefusal | undefined =>
  error instanceof InvalidEventPatternError ? { code: error.name, message: error.message } : undefined;

function runOne(patternText: string, eventText: string, io: CommandIo): number {
  const event = jsonParameter('event', eventText);
  return printTestResult(io, 'TestEventPattern', refusal, () =>
    compileEventPattern(parameterText('event-pattern', patternText)).matches(event),
  );
}

export function testEventPatternCommand(args: readonly string[], io: CommandIo): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      'event-pattern': { type: 'string' },
      event: { type: 'string' },
      cases: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const { 'event-pattern': pattern, event, cases } = values;
  if (cases !== undefined) {
    if (pattern !== undefined || event !== undefined)
      throw new UsageError('--cases takes the patterns and events from the file: give it alone');
    return printCaseOutcomes(cases, caseOutcome, io);
  }
  if (pattern === undefined || event === undefined)
    throw new UsageError('the following arguments are required: --event-pattern, --event');
  return runOne(pattern, event, io);
}
