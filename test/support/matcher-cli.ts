/**
 * The matcher commands run in this process with their output captured, and the shared fixtures'
 * case files with the lines a `--cases` run must print for them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type MatcherCommand, runMatcherCommand } from '../../infra/local/matcher-cli/run-matcher-command.js';

export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const runInProcess = (command: MatcherCommand, args: readonly string[]): CommandRun => {
  let stdout = '';
  let stderr = '';
  const code = runMatcherCommand(command, args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
};

/** A file of `../shared/fixtures/` (beside the repository), used in place. */
export const fixturePath = (relative: string): string =>
  fileURLToPath(new URL(`../../../shared/fixtures/${relative}`, import.meta.url));

export const CASE_FILES = {
  'test-event-pattern': ['eventbridge/aws-validated.json', 'eventbridge/event-ruler-tests.json'],
  'test-filter-policy': ['sns/filter-policy-cases.json'],
} as const satisfies Record<MatcherCommand, readonly string[]>;

/** `<id> <expected>` for every case of the file, in its order. */
export const expectedLines = (relative: string): string[] =>
  (
    JSON.parse(readFileSync(fixturePath(relative), 'utf8')) as { cases: { id: string; expected: string }[] }
  ).cases.map(({ id, expected }) => `${id} ${expected}`);

/** The lines of a command's output, without the final newline's empty line. */
export const linesOf = (output: string): string[] => output.split('\n').slice(0, -1);
