/**
 * Case files in the shared fixtures' format: `{ cases: [{ id, expected, ... }] }`, where each case
 * carries its own inputs (see `../shared/fixtures/README.md`). Outcomes are printed one line per
 * case, `<id> <outcome>`, in the file's order, so a run can be compared with `expected` line by line.
 */
import { type CommandIo, EXIT_OK, parameterText, UsageError } from './command-io.js';

export interface CaseRecord {
  readonly id: string;
  readonly expected?: string;
  readonly [field: string]: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The cases of `path`, checked just enough that every case has an id to print. */
export function readCases(path: string): CaseRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(parameterText('cases', `file://${path}`));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Error parsing parameter '--cases': Invalid JSON: ${(error as Error).message}`);
  }
  const cases = isRecord(parsed) ? parsed.cases : undefined;
  if (!Array.isArray(cases))
    throw new UsageError(`Error parsing parameter '--cases': ${path} has no "cases" array`);
  return cases.map((item, index) => {
    if (!isRecord(item) || typeof item.id !== 'string' || item.id === '')
      throw new UsageError(`Error parsing parameter '--cases': case ${index} of ${path} has no "id"`);
    return item as CaseRecord;
  });
}

/** The case's text field `raw` when present (kept as text to preserve it exactly), else `parsed`. */
export function rawOrParsed(record: CaseRecord, raw: string, parsed: string): unknown {
  const text = record[raw];
  return typeof text === 'string' ? text : record[parsed];
}

/** The case's value of `raw` parsed as JSON when present, else its value of `parsed`. */
export function caseJson(record: CaseRecord, raw: string, parsed: string): unknown {
  const text = record[raw];
  if (typeof text !== 'string') return record[parsed];
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`case ${record.id}: "${raw}" is not JSON: ${(error as Error).message}`);
  }
}

/** Prints `<id> <outcome>` for each case of the file at `path`. */
export function printCaseOutcomes(
  path: string,
  outcome: (record: CaseRecord) => string,
  io: CommandIo,
): number {
  // Every outcome is known before the first line is printed: a bad case prints nothing.
  const lines = readCases(path).map((record) => `${record.id} ${outcome(record)}\n`);
  io.stdout.write(lines.join(''));
  return EXIT_OK;
}
