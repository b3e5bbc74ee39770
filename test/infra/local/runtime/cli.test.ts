/**
 * The matcher commands through the real entry point (`npm run -s local -- ...` runs this file with
 * tsx): the exit code, and every line of a long `--cases` run arriving through a pipe.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { CASE_FILES, expectedLines, fixturePath, linesOf } from '../../../support/matcher-cli.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

const cli = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(TSX, ['infra/local/runtime/cli.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });

describe('npm run -s local --', () => {
  it('test-event-pattern prints the result and exits 0', async () => {
    const run = await cli([
      'test-event-pattern',
      '--event-pattern',
      '{"source":["a"]}',
      '--event',
      '{"source":"a"}',
    ]);
    expect(run).toEqual({ code: 0, stdout: '{"Result":true}\n', stderr: '' });
  });

  it('test-event-pattern exits non-zero on an invalid pattern', async () => {
    const run = await cli([
      'test-event-pattern',
      '--event-pattern',
      '{"source":"a"}',
      '--event',
      '{"source":"a"}',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^An error occurred \(InvalidEventPatternException\) .*Event pattern is not valid/,
    );
  });

  it('test-filter-policy prints the result for the MessageBody scope', async () => {
    const run = await cli([
      'test-filter-policy',
      '--filter-policy',
      '{"tenantId":["demo"]}',
      '--scope',
      'MessageBody',
      '--message',
      '{"tenantId":"other"}',
    ]);
    expect(run).toEqual({ code: 0, stdout: '{"Result":false}\n', stderr: '' });
  });

  it('an unknown command exits 2 with the usage of every command', async () => {
    const run = await cli(['test-pattern']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('test-event-pattern --cases <fixture file>');
    expect(run.stderr).toContain('test-filter-policy --cases <fixture file>');
  });

  const caseRuns = Object.entries(CASE_FILES).flatMap(([command, files]) =>
    files.map((file) => [command, file] as const),
  );
  it.each(caseRuns)('%s --cases %s prints every case as the fixture expects', async (command, file) => {
    const run = await cli([command, '--cases', fixturePath(file)]);
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)).toEqual(expectedLines(file));
  });
});
