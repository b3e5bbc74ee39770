import { describe, expect, it } from '@jest/globals';
import {
  CASE_FILES,
  expectedLines,
  fixturePath,
  linesOf,
  runInProcess,
} from '../../../support/matcher-cli.js';

const POLICY = JSON.stringify({ eventType: ['awaiting-stock', 'split'], warehouseId: [{ prefix: 'ma' }] });
const BODY_POLICY = JSON.stringify({ order: { lines: { sku: [{ prefix: 'MUG-' }] } } });

const testPolicy = (args: string[]) => runInProcess('test-filter-policy', args);

describe('test-filter-policy', () => {
  it.each([
    ['awaiting-stock', true],
    ['fulfilled', false],
  ])('MessageAttributes scope: eventType %s → Result %s', (eventType, result) => {
    const attributes = {
      eventType: { Type: 'String', Value: eventType },
      warehouseId: { Type: 'String', Value: 'main' },
    };
    expect(
      testPolicy([
        '--filter-policy',
        POLICY,
        '--scope',
        'MessageAttributes',
        '--message',
        'ignored',
        '--message-attributes',
        JSON.stringify(attributes),
      ]),
    ).toEqual({ code: 0, stdout: `{"Result":${result}}\n`, stderr: '' });
  });

  it('takes attributes in the shape `sns publish` takes them, and MessageAttributes as the default scope', () => {
    const attributes = {
      eventType: { DataType: 'String', StringValue: 'split' },
      warehouseId: { DataType: 'String', StringValue: 'main' },
    };
    expect(
      testPolicy(['--filter-policy', POLICY, '--message-attributes', JSON.stringify(attributes)]).stdout,
    ).toBe('{"Result":true}\n');
  });

  it('filters out a message without attributes under MessageAttributes scope', () => {
    expect(testPolicy(['--filter-policy', POLICY, '--message', '{}']).stdout).toBe('{"Result":false}\n');
  });

  it.each([
    ['{"order":{"lines":[{"sku":"MUG-BLK"},{"sku":"TEE"}]}}', true],
    ['{"order":{"lines":[{"sku":"TEE"}]}}', false],
    ['not json', false],
  ])('MessageBody scope: %s → Result %s', (message, result) => {
    expect(
      testPolicy(['--filter-policy', BODY_POLICY, '--scope', 'MessageBody', '--message', message]),
    ).toEqual({
      code: 0,
      stdout: `{"Result":${result}}\n`,
      stderr: '',
    });
  });

  it('refuses an invalid policy as SNS does, with a non-zero exit code', () => {
    const run = testPolicy(['--filter-policy', '{"eventType":"split"}', '--message', 'x']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^An error occurred \(InvalidParameter\) .*: Invalid parameter: FilterPolicy: /,
    );
  });

  it('refuses an unknown scope', () => {
    const run = testPolicy(['--filter-policy', POLICY, '--scope', 'Body']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('FilterPolicyScope: Invalid value [Body]');
  });

  it.each([
    [['--scope', 'MessageBody'], /required: --filter-policy/],
    [['--filter-policy', '{}', '--message-attributes', '{"a":"x"}'], /attribute a must be/],
    [['--filter-policy', '{}', '--message-attributes', '['], /'--message-attributes': Invalid JSON/],
    [['--cases', 'x.json', '--scope', 'MessageBody'], /give it alone/],
  ])('exits 2 with the usage for %j', (args, message) => {
    const run = testPolicy(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage:\nnpm run -s local -- test-filter-policy');
  });
});

describe.each(CASE_FILES['test-filter-policy'])('test-filter-policy --cases %s', (file) => {
  it("prints each case's expected outcome, one line per case in the file's order", () => {
    const run = testPolicy(['--cases', fixturePath(file)]);
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)).toEqual(expectedLines(file));
  });
});
