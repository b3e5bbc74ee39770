/**
 * `test-event-pattern`: the local EventBridge matcher behind the same command line as
 * `aws events test-event-pattern --event-pattern <json> --event <json>`, printing
 * `{"Result":true|false}`; or, with `--cases <file>`, one `<id> match|no_match|invalid_pattern`
 * line per case of a fixture file.
 */
import { parseArgs } from 'node:util';
import { compileEventPattern, InvalidEventPatternError } from '../event-pattern/index.js';
import { type CaseRecord, caseJson, outcomeLines, rawOrParsed, readCases } from './case-file.js';
import {
  type CommandIo,
  EXIT_OK,
  EXIT_REFUSED,
  jsonParameter,
  parameterText,
  resultLine,
  serviceError,
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

function runCases(path: string, io: CommandIo): number {
  const cases = readCases(path);
  const outcomes = cases.map((record) => [record.id, caseOutcome(record)] as const);
  io.stdout.write(outcomeLines(outcomes));
  return EXIT_OK;
}

function runOne(patternText: string, eventText: string, io: CommandIo): number {
  const event = jsonParameter('event', eventText);
  try {
    const matcher = compileEventPattern(parameterText('event-pattern', patternText));
    io.stdout.write(resultLine(matcher.matches(event)));
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    io.stderr.write(serviceError(error.name, 'TestEventPattern', error.message));
    return EXIT_REFUSED;
  }
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
    return runCases(cases, io);
  }
  if (pattern === undefined || event === undefined)
    throw new UsageError('the following arguments are required: --event-pattern, --event');
  return runOne(pattern, event, io);
}
