/**
 * Lambda's asynchronous invocation, as rules and schedules use it: a failing function runs again
 * (twice by default, or as its EventInvokeConfig says), then its event goes to the function's
 * dead-letter queue and on-failure destination, or is dropped when it has neither.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import { AsyncInvoker, asyncInvokeConfigs } from '../../../../infra/local/runtime/async-invoker.js';
import { DeadLetters } from '../../../../infra/local/runtime/dead-letters.js';
import { PendingWork } from '../../../../infra/local/runtime/pending-work.js';
import { appTemplate } from '../../../../infra/local/runtime/template.js';
import { WorkJournal } from '../../../../infra/local/runtime/work-journal.js';
import type { FunctionName } from '../../../../infra/stateless/service-function.js';

const dir = mkdtempSync(join(tmpdir(), 'async-invoker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const template = appTemplate({
  Stack: {
    Resources: {
      Notifier: {
        Type: 'AWS::Lambda::Function',
        Properties: { DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } },
      },
      Sweep: { Type: 'AWS::Lambda::Function', Properties: {} },
      Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'notifier-dlq' } },
      Failures: { Type: 'AWS::SQS::Queue', Properties: {} },
      SweepConfig: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: {
          FunctionName: { Ref: 'Sweep' },
          Qualifier: '$LATEST',
          MaximumRetryAttempts: 0,
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Failures', 'Arn'] } } },
        },
      },
    },
  },
});
const functions = new Map<string, FunctionName>([
  ['Notifier', 'notifier'],
  ['Sweep', 'sweep'],
]);

test('reads each function dead-letter queue and EventInvokeConfig from the template', () => {
  expect(Object.fromEntries(asyncInvokeConfigs(template, functions))).toEqual({
    notifier: { retries: 2, deadLetterQueueId: 'Dlq' },
    sweep: { retries: 0, onFailureQueueId: 'Failures' },
  });
});

test('retries a failing function, then sends the event to its dead-letter queue', async () => {
  const log: string[] = [];
  const pending = new PendingWork();
  const attempts: string[] = [];
  const invoker = new AsyncInvoker(
    asyncInvokeConfigs(template, functions),
    async (name) => {
      attempts.push(name);
      throw new Error('SNS is down');
    },
    new DeadLetters(
      dir,
      (id) => (id === 'Dlq' ? 'notifier-dlq' : id),
      (line) => log.push(line),
    ),
    pending,
    await WorkJournal.open(join(dir, `${expect.getState().currentTestName}.jsonl`)),
    (line) => log.push(line),
    1,
  );
  await invoker.invokeAsync('notifier', { id: 'event-1' }, 'rule Notifications');
  await invoker.invokeAsync('sweep', { id: 'tick' }, 'schedule Sweep');
  await pending.idle();

  expect(attempts.filter((name) => name === 'notifier')).toHaveLength(3);
  expect(attempts.filter((name) => name === 'sweep')).toHaveLength(1);
  const [letter] = readFileSync(join(dir, 'notifier-dlq.jsonl'), 'utf8').trim().split('\n');
  expect(JSON.parse(letter as string)).toMatchObject({
    body: '{"id":"event-1"}',
    attributes: { ErrorMessage: 'SNS is down' },
  });
  const [record] = readFileSync(join(dir, 'Failures.jsonl'), 'utf8').trim().split('\n');
  expect(JSON.parse(JSON.parse(record as string).body)).toMatchObject({
    requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 1 },
    requestPayload: { id: 'tick' },
  });
  expect(log).toContainEqual(
    expect.stringMatching(/^\[lambda\] notifier failed \(rule Notifications, attempt 1\)/),
  );
});

test('without a dead-letter queue the event is dropped, and the log says so', async () => {
  const log: string[] = [];
  const pending = new PendingWork();
  const invoker = new AsyncInvoker(
    new Map([['events', { retries: 1 }]]),
    async () => {
      throw new Error('boom');
    },
    new DeadLetters(
      dir,
      (id) => id,
      () => {},
    ),
    pending,
    await WorkJournal.open(join(dir, `${expect.getState().currentTestName}.jsonl`)),
    (line) => log.push(line),
    1,
  );
  await invoker.invokeAsync('events', {}, 'rule IncomingEvents');
  await pending.idle();
  expect(log.at(-1)).toMatch(/events failed 2 times \(rule IncomingEvents\); .* event dropped: boom$/);
});
