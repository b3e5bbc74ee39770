/**
 * A recipient hears only the event types it asked for: its filter policy (the one the recipients
 * API subscribes with) against the `eventType` attribute the notifier sets, through the real SNS
 * notifier and the local SNS endpoint's filtering.
 */
import { SnsNotifier } from '../../../../shared/adapters/sns/sns-notifier.js';
import { buildNotification } from '../../../../shared/notifications/build-notification.js';
import { recipientFilterPolicy } from '../../../../shared/recipients/filter-policy.js';
import type { RecipientEventType } from '../../../../shared/recipients/recipient.js';
import { LOCAL_TOPIC, type LocalTopic, startLocalTopic } from '../../../support/local-topic.js';
import {
  backorderOverdue,
  changeRefused,
  INBOUND,
  order,
} from '../../notifications/notification-fixtures.js';

let topic: LocalTopic;
beforeAll(async () => {
  topic = await startLocalTopic();
});
afterAll(() => topic.stop());

const subscribeSms = (endpoint: string, eventTypes: RecipientEventType[], tenantId = 't1') =>
  topic.subscriptions.subscribe({
    protocol: 'sms',
    endpoint,
    filterPolicy: recipientFilterPolicy(tenantId, { protocol: 'sms', endpoint, eventTypes }),
  });

const smsTo = (endpoint: string) => topic.smsLines().filter((line) => line.split(' ')[1] === endpoint);

it('sends Backorder Overdue only to recipients who asked for Overdue, and Change Refused only to theirs', async () => {
  await subscribeSms('+4790000001', ['AwaitingStock', 'Split', 'BackorderFulfilled', 'ChangeRefused']);
  await subscribeSms('+4790000002', ['Overdue']);
  await subscribeSms('+4790000003', ['Overdue'], 't2');
  const notifier = new SnsNotifier(topic.sns, LOCAL_TOPIC, { sleep: async () => undefined });

  await notifier.send([buildNotification(backorderOverdue(), order(), INBOUND)]);
  expect(smsTo('+4790000002')).toEqual([
    expect.stringContaining('Order #1001 for Ada Lovelace is overdue, waiting 12 days'),
  ]);
  expect(smsTo('+4790000001')).toEqual([]);
  expect(smsTo('+4790000003')).toEqual([]);

  await notifier.send([buildNotification(changeRefused(), order({ status: 'InFulfilment' }), [])]);
  expect(smsTo('+4790000001')).toEqual([expect.stringContaining('channel cancellation not applied')]);
  expect(smsTo('+4790000002')).toHaveLength(1);
  expect(smsTo('+4790000003')).toEqual([]);
});
