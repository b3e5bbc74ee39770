import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  CASE_FILES,
  expectedLines,
  fixturePath,
  linesOf,
  runInProcess,
} from '../../../support/matcher-cli.js';

const EVENT = JSON.stringify({
  id: '1',
  source: 'backorder.service',
  'detail-type': 'Order Awaiting Stock',
  account: '123456789012',
  region: 'eu-west-1',
  time: '2026-03-02T08:15:00Z',
  resources: [],
  detail: { tenantId: 'demo', orderId: 'shopify-5001', shortfall: 2 },
});

const testPattern = (pattern: object | string, event = EVENT) =>
  runInProcess('test-event-pattern', [
    '--event-pattern',
    typeof pattern === 'string' ? pattern : JSON.stringify(pattern),
    '--event',
    event,
  ]);

describe('test-event-pattern', () => {
  it('prints {"Result":true} for a matching event', () => {
    expect(
      testPattern({
        'detail-type': ['Order Awaiting Stock'],
        detail: { shortfall: [{ numeric: ['>', 0] }] },
      }),
    ).toEqual({ code: 0, stdout: '{"Result":true}\n', stderr: '' });
  });

  it('prints {"Result":false} for an event the pattern does not match', () => {
    expect(testPattern({ detail: { tenantId: ['other'] } })).toEqual({
      code: 0,
      stdout: '{"Result":false}\n',
      stderr: '',
    });
  });

  it('refuses an invalid pattern as AWS does, with a non-zero exit code', () => {
    const run = testPattern({ detail: { orderId: [{ prefix: 5 }] } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'An error occurred (InvalidEventPatternException) when calling the TestEventPattern operation: ' +
        'Event pattern is not valid. Reason: prefix match pattern must be a string\n',
    );
  });

  it('refuses a pattern that is not JSON with InvalidEventPatternException', () => {
    const run = testPattern('{"source": [');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^An error occurred \(InvalidEventPatternException\)/);
  });

  it('reads file:// parameters, as the AWS CLI does', () => {
    const file = join(tmpdir(), `event-pattern-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ source: ['backorder.service'] }));
    expect(
      runInProcess('test-event-pattern', ['--event-pattern', `file://${file}`, '--event', EVENT]).stdout,
    ).toBe('{"Result":true}\n');
  });

  it.each([
    [['--event-pattern', '{}'], /required: --event-pattern, --event/],
    [['--event-pattern', '{}', '--event', '{'], /Error parsing parameter '--event': Invalid JSON/],
    [['--cases', 'x.json', '--event', '{}'], /give it alone/],
    [['--pattern', '{}'], /Unknown option '--pattern'/],
    [['--cases', '/nonexistent/cases.json'], /Unable to load \/nonexistent\/cases.json/],
  ])('exits 2 with the usage for %j', (args, message) => {
    const run = runInProcess('test-event-pattern', args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage:\nnpm run -s local -- test-event-pattern');
  });
});

describe.each(CASE_FILES['test-event-pattern'])('test-event-pattern --cases %s', (file) => {
  it("prints each case's expected outcome, one line per case in the file's order", () => {
    const run = runInProcess('test-event-pattern', ['--cases', fixturePath(file)]);
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)).toEqual(expectedLines(file));
  });
});
