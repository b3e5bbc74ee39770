/**
 * `GET/POST /notifications/recipients` and `DELETE /notifications/recipients/{recipientId}`: each
 * recipient is a subscription to the notification topic (here the local SNS endpoint, called by
 * the SDK) whose filter policy always names the tenant; bad input subscribes nothing, and a
 * tenant never sees or removes another's.
 */
import { GetSubscriptionAttributesCommand } from '@aws-sdk/client-sns';
import { recipientListView, recipientView } from '../../../shared/api/recipient-schemas.js';
import { MAX_RECIPIENTS_PER_TENANT } from '../../../shared/recipients/recipient.js';
import { type LocalTopic, startLocalTopic } from '../../support/local-topic.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';

const PATH = '/notifications/recipients';

let api: OperatorApi;
let topic: LocalTopic;
let tenants = 0;
const newTenant = () => `rcp-${++tenants}`;

beforeAll(async () => {
  topic = await startLocalTopic();
  api = await createOperatorApi('operator-recipients', undefined, { subscriptions: topic.subscriptions });
}, 120_000);

afterAll(async () => {
  await topic?.stop();
  await api?.drop();
});

const subscriptions = () => topic.list();
const filterOf = async (arn: string) =>
  JSON.parse(
    (await topic.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }))).Attributes
      ?.FilterPolicy ?? '{}',
  );
const confirmationLinkFor = (address: string) => topic.confirmationLinkFor(address);
const add = (tenantId: string, body: unknown) => api.call('POST', PATH, { tenantId, body });
const list = async (tenantId: string) => {
  const answer = await api.call('GET', PATH, { tenantId });
  expect(answer.status).toBe(200);
  return recipientListView.parse(answer.body).recipients;
};

it('adds an email recipient, pending until its address confirms, with a filter that names the tenant', async () => {
  const tenantId = newTenant();
  const answer = await add(tenantId, {
    protocol: 'email',
    endpoint: 'ops-1@example.com',
    eventTypes: ['AwaitingStock', 'Overdue'],
    channel: 'shopify',
  });
  expect(answer.status).toBe(200);
  const recipient = recipientView.parse(answer.body);
  expect(recipient).toMatchObject({ protocol: 'email', endpoint: 'ops-1@example.com', state: 'pending' });
  const [subscription] = (await subscriptions()).filter((s) => s.Endpoint === 'ops-1@example.com');
  expect(subscription?.SubscriptionArn).toBe('PendingConfirmation');
  expect(await list(tenantId)).toEqual([recipient]);

  const confirmed = await fetch(confirmationLinkFor('ops-1@example.com') as string);
  expect(confirmed.status).toBe(200);
  expect(await list(tenantId)).toEqual([{ ...recipient, state: 'confirmed' }]);
  const arn = (await subscriptions()).find((s) => s.Endpoint === 'ops-1@example.com')
    ?.SubscriptionArn as string;
  expect(await filterOf(arn)).toEqual({
    tenantId: [tenantId],
    eventType: ['Order Awaiting Stock', 'Backorder Overdue'],
    channel: ['shopify'],
  });
});

it('adds an SMS recipient confirmed at once, for every event type it names', async () => {
  const tenantId = newTenant();
  const answer = await add(tenantId, {
    protocol: 'sms',
    endpoint: '+4712345678',
    eventTypes: ['Split', 'BackorderFulfilled', 'ChangeRefused'],
    warehouseId: ['main', 'north'],
  });
  expect(answer.status).toBe(200);
  expect(answer.body.state).toBe('confirmed');
  const arn = (await subscriptions()).find((s) => s.Endpoint === '+4712345678')?.SubscriptionArn as string;
  expect(await filterOf(arn)).toEqual({
    tenantId: [tenantId],
    eventType: ['Order Split', 'Backorder Fulfilled', 'Order Change Refused'],
    warehouseId: ['main', 'north'],
  });
});

it.each([
  ['an invalid email address', { protocol: 'email', endpoint: 'not-an-address', eventTypes: ['Split'] }],
  ['a phone number not in E.164', { protocol: 'sms', endpoint: '0047 123', eventTypes: ['Split'] }],
  ['an unknown event type', { protocol: 'email', endpoint: 'x@example.com', eventTypes: ['Shipped'] }],
  ['no event type', { protocol: 'email', endpoint: 'x@example.com', eventTypes: [] }],
  ['an unknown protocol', { protocol: 'https', endpoint: 'https://example.com', eventTypes: ['Split'] }],
  [
    'an unknown field',
    { protocol: 'email', endpoint: 'x@example.com', eventTypes: ['Split'], tenantId: 'other' },
  ],
  [
    'a filter SNS would refuse (more than 150 combinations)',
    {
      protocol: 'email',
      endpoint: 'x@example.com',
      eventTypes: ['Split', 'AwaitingStock'],
      channel: Array.from({ length: 76 }, (_, i) => `channel-${i}`),
    },
  ],
])('refuses %s with a 400 and subscribes nothing', async (_what, body) => {
  const tenantId = newTenant();
  const before = (await subscriptions()).length;
  const writes = api.writeRequests();
  const answer = await add(tenantId, body);
  expect(answer.status).toBe(400);
  expect(answer.body.error).toEqual({
    code: 'INVALID_INPUT',
    message: expect.any(String),
    details: expect.any(Object),
  });
  expect((await subscriptions()).length).toBe(before);
  expect(api.writeRequests()).toBe(writes);
});

it('refuses a second recipient for the same endpoint with a 409', async () => {
  const tenantId = newTenant();
  const body = { protocol: 'sms', endpoint: '+4712340001', eventTypes: ['Split'] };
  expect((await add(tenantId, body)).status).toBe(200);
  const again = await add(tenantId, { ...body, eventTypes: ['Overdue'] });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('RECIPIENT_EXISTS');
  expect((await subscriptions()).filter((s) => s.Endpoint === '+4712340001')).toHaveLength(1);
});

it(`refuses more than ${MAX_RECIPIENTS_PER_TENANT} recipients per tenant, subscribing nothing`, async () => {
  const tenantId = newTenant();
  for (let i = 0; i < MAX_RECIPIENTS_PER_TENANT; i++)
    expect(
      (
        await add(tenantId, {
          protocol: 'sms',
          endpoint: `+4791000${String(i).padStart(3, '0')}`,
          eventTypes: ['Split'],
        })
      ).status,
    ).toBe(200);
  const before = (await subscriptions()).length;
  const answer = await add(tenantId, { protocol: 'sms', endpoint: '+4791999999', eventTypes: ['Split'] });
  expect(answer.status).toBe(409);
  expect(answer.body.error.code).toBe('RECIPIENT_LIMIT');
  expect((await subscriptions()).length).toBe(before);
  // Removing one makes room again.
  const [first] = await list(tenantId);
  expect((await api.call('DELETE', `${PATH}/${first?.recipientId}`, { tenantId })).status).toBe(200);
  expect(
    (await add(tenantId, { protocol: 'sms', endpoint: '+4791999999', eventTypes: ['Split'] })).status,
  ).toBe(200);
});

it("never shows or removes another tenant's recipient; DELETE unsubscribes and forgets it", async () => {
  const owner = newTenant();
  const other = newTenant();
  const added = await add(owner, { protocol: 'sms', endpoint: '+4712340002', eventTypes: ['AwaitingStock'] });
  const { recipientId } = added.body;
  expect(await list(other)).toEqual([]);
  const refused = await api.call('DELETE', `${PATH}/${recipientId}`, { tenantId: other });
  expect(refused.status).toBe(404);
  expect(refused.body.error.code).toBe('RECIPIENT_NOT_FOUND');
  expect((await subscriptions()).filter((s) => s.Endpoint === '+4712340002')).toHaveLength(1);

  const removed = await api.call('DELETE', `${PATH}/${recipientId}`, { tenantId: owner });
  expect(removed).toEqual({ status: 200, body: { status: 'removed', recipientId } });
  expect(await list(owner)).toEqual([]);
  expect((await subscriptions()).filter((s) => s.Endpoint === '+4712340002')).toEqual([]);
  expect((await api.call('DELETE', `${PATH}/${recipientId}`, { tenantId: owner })).status).toBe(404);
});

it("refuses, with a 409, an address another tenant's recipient already is (SNS keeps one subscription per endpoint)", async () => {
  const body = { protocol: 'email', endpoint: 'shared-desk@example.com', eventTypes: ['Split'] };
  expect((await add(newTenant(), body)).status).toBe(200);
  const writes = api.writeRequests();
  const refused = await add(newTenant(), body);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('SUBSCRIPTION_REFUSED');
  expect(api.writeRequests()).toBe(writes);
  expect((await subscriptions()).filter((s) => s.Endpoint === 'shared-desk@example.com')).toHaveLength(1);
});
