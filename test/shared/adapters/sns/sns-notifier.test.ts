import type { PublishBatchCommand, PublishBatchCommandOutput, SNSClient } from '@aws-sdk/client-sns';
import { SnsNotifier } from '../../../../shared/adapters/sns/sns-notifier.js';
import type { Notification } from '../../../../shared/notifications/notification.js';
import { NotificationsFailedError } from '../../../../shared/ports/notifier.js';

const TOPIC = 'arn:aws:sns:eu-west-1:000000000000:notifications';

const notification = (eventId: string, email = 'Order #1 is awaiting stock.'): Notification => ({
  eventId,
  tenantId: 't1',
  subject: `Subject of ${eventId}`,
  message: { default: JSON.stringify({ eventId }), email, sms: `SMS of ${eventId}` },
  attributes: { eventType: 'Order Awaiting Stock', tenantId: 't1', channel: 'shopify', warehouseId: 'main' },
});

type Entry = NonNullable<PublishBatchCommand['input']['PublishBatchRequestEntries']>[number];
type Answer = (entries: Entry[]) => Partial<PublishBatchCommandOutput>;

/** An SNS client that records each PublishBatch call and answers as told (all sent by default). */
const fakeSns = (answer: Answer = (entries) => ({ Successful: entries.map(({ Id }) => ({ Id })) })) => {
  const calls: Array<{ topicArn?: string; entries: Entry[] }> = [];
  const client = {
    send: async (command: PublishBatchCommand) => {
      const entries = command.input.PublishBatchRequestEntries ?? [];
      calls.push({ ...(command.input.TopicArn ? { topicArn: command.input.TopicArn } : {}), entries });
      return answer(entries);
    },
  } as unknown as SNSClient;
  return { client, calls };
};

const noWait = { sleep: async () => undefined };

it('publishes ten entries a call, each a JSON message with its subject and attributes', async () => {
  const sns = fakeSns();
  const notifications = Array.from({ length: 23 }, (_, index) => notification(`evt-${index}`));
  await new SnsNotifier(sns.client, TOPIC, noWait).send(notifications);

  expect(sns.calls.map((call) => call.entries.length)).toEqual([10, 10, 3]);
  expect(sns.calls.every((call) => call.topicArn === TOPIC)).toBe(true);
  const [first] = sns.calls[0]?.entries ?? [];
  expect(first).toEqual({
    Id: 'n0',
    MessageStructure: 'json',
    Message: JSON.stringify(notifications[0]?.message),
    Subject: 'Subject of evt-0',
    MessageAttributes: {
      eventType: { DataType: 'String', StringValue: 'Order Awaiting Stock' },
      tenantId: { DataType: 'String', StringValue: 't1' },
      channel: { DataType: 'String', StringValue: 'shopify' },
      warehouseId: { DataType: 'String', StringValue: 'main' },
    },
  });
  expect(Object.keys(JSON.parse(first?.Message ?? '{}'))).toEqual(['default', 'email', 'sms']);
});

it('keeps each call under the 256 KiB a batch may carry', async () => {
  const sns = fakeSns();
  const large = Array.from({ length: 5 }, (_, index) => notification(`evt-${index}`, 'x'.repeat(100 * 1024)));
  await new SnsNotifier(sns.client, TOPIC, noWait).send(large);
  expect(sns.calls.map((call) => call.entries.length)).toEqual([2, 2, 1]);
});

it('sends again only the entries SNS failed, until they go', async () => {
  let attempt = 0;
  const sns = fakeSns((entries) => {
    attempt++;
    const [flaky, ...rest] = entries;
    if (attempt === 1 && flaky) {
      return {
        Successful: rest.map(({ Id }) => ({ Id })),
        Failed: [{ Id: flaky.Id, Code: 'InternalError', SenderFault: false }],
      };
    }
    return { Successful: entries.map(({ Id }) => ({ Id })) };
  });
  await new SnsNotifier(sns.client, TOPIC, noWait).send([notification('evt-a'), notification('evt-b')]);
  expect(sns.calls.map((call) => call.entries.map((entry) => entry.Id))).toEqual([['n0', 'n1'], ['n0']]);
});

it('does not send again what failed by a fault of its own, and names it', async () => {
  const sns = fakeSns((entries) => ({
    Successful: entries.slice(1).map(({ Id }) => ({ Id })),
    Failed: [{ Id: entries[0]?.Id, Code: 'InvalidParameter', SenderFault: true }],
  }));
  const sending = new SnsNotifier(sns.client, TOPIC, noWait).send([
    notification('evt-a'),
    notification('evt-b'),
  ]);
  await expect(sending).rejects.toMatchObject({ failed: [{ eventId: 'evt-a', code: 'InvalidParameter' }] });
  expect(sns.calls).toHaveLength(1);
});

it('gives up after three attempts, naming what was not sent', async () => {
  const delays: number[] = [];
  const sns = fakeSns((entries) => ({
    Failed: entries.map(({ Id }) => ({ Id, Code: 'Throttled', SenderFault: false })),
  }));
  const notifier = new SnsNotifier(sns.client, TOPIC, { sleep: async (ms) => void delays.push(ms) });
  await expect(notifier.send([notification('evt-a')])).rejects.toMatchObject({
    failed: [{ eventId: 'evt-a', code: 'Throttled' }],
  });
  expect(sns.calls).toHaveLength(3);
  expect(delays).toEqual([100, 200]);
});

it('goes on with the next chunk when a whole call fails, and names the chunk that did not go', async () => {
  let call = 0;
  const sns = fakeSns((entries) => {
    if (++call === 1) throw Object.assign(new Error('connection reset'), { name: 'TimeoutError' });
    return { Successful: entries.map(({ Id }) => ({ Id })) };
  });
  const notifications = Array.from({ length: 12 }, (_, index) => notification(`evt-${index}`));
  const sending = new SnsNotifier(sns.client, TOPIC, noWait).send(notifications);
  await expect(sending).rejects.toBeInstanceOf(NotificationsFailedError);
  const error = (await sending.catch((caught) => caught)) as NotificationsFailedError;
  expect(error.failed.map((each) => each.eventId)).toEqual(
    notifications.slice(0, 10).map((each) => each.eventId),
  );
  expect(error.cause).toMatchObject({ message: 'connection reset' });
  expect(sns.calls.map((each) => each.entries.length)).toEqual([10, 2]);
});
