/**
 * A tenant's notification recipients (DESIGN §13): each is a subscription to the notification
 * topic whose filter policy always names the tenant, recorded under the tenant's key. Everything
 * is checked before anything is subscribed, and a tenant only ever reads or removes its own.
 */
import { createHash } from 'node:crypto';
import type { RecipientStore } from '../ports/recipient-store.js';
import type { TopicSubscriptions } from '../ports/topic-subscriptions.js';
import { recipientFilterPolicy } from '../recipients/filter-policy.js';
import {
  MAX_RECIPIENTS_PER_TENANT,
  type Recipient,
  type RecipientRequest,
  type RecipientState,
} from '../recipients/recipient.js';
import {
  RecipientExistsError,
  RecipientLimitError,
  RecipientNotFoundError,
} from '../recipients/recipient-errors.js';
import type { Clock } from './ports.js';

export interface RecipientPorts {
  recipients: RecipientStore;
  subscriptions: TopicSubscriptions;
  clock: Clock;
}

export type RecipientWithState = Recipient & { state: RecipientState };

/**
 * One recipient per address or number and tenant: SNS keeps one subscription per endpoint and
 * topic, so the id derives from them, and a second request for the same endpoint is refused.
 */
export const recipientIdOf = (request: Pick<RecipientRequest, 'protocol' | 'endpoint'>): string =>
  `${request.protocol}-${createHash('sha256').update(request.endpoint.toLowerCase()).digest('hex').slice(0, 16)}`;

export async function addRecipient(
  ports: RecipientPorts,
  tenantId: string,
  request: RecipientRequest,
): Promise<RecipientWithState> {
  const filterPolicy = recipientFilterPolicy(tenantId, request);
  const recipientId = recipientIdOf(request);
  if (await ports.recipients.get(tenantId, recipientId)) throw new RecipientExistsError(recipientId);
  if ((await ports.recipients.count(tenantId)) >= MAX_RECIPIENTS_PER_TENANT)
    throw new RecipientLimitError(MAX_RECIPIENTS_PER_TENANT);
  const subscriptionArn = await ports.subscriptions.subscribe({
    protocol: request.protocol,
    endpoint: request.endpoint,
    filterPolicy,
  });
  const recipient: Recipient = {
    ...request,
    recipientId,
    tenantId,
    subscriptionArn,
    createdAt: ports.clock(),
  };
  try {
    await ports.recipients.add(recipient, MAX_RECIPIENTS_PER_TENANT);
  } catch (error) {
    // A concurrent request took the last place: undo the subscription. (A concurrent request for
    // the same endpoint got this very subscription from SNS, and keeps it.)
    if (error instanceof RecipientLimitError) await ports.subscriptions.unsubscribe(subscriptionArn);
    throw error;
  }
  return { ...recipient, state: await stateOf(ports, subscriptionArn) };
}

const stateOf = async (ports: RecipientPorts, subscriptionArn: string): Promise<RecipientState> => {
  const pending = await ports.subscriptions.pendingConfirmation(subscriptionArn);
  return pending === undefined ? 'expired' : pending ? 'pending' : 'confirmed';
};

/** The tenant's recipients, each with its subscription's state as SNS has it now. */
export async function listRecipients(ports: RecipientPorts, tenantId: string): Promise<RecipientWithState[]> {
  const recipients = await ports.recipients.list(tenantId);
  return Promise.all(
    recipients.map(async (recipient) => ({
      ...recipient,
      state: await stateOf(ports, recipient.subscriptionArn),
    })),
  );
}

/** Unsubscribes and forgets the recipient; another tenant's is not found. */
export async function removeRecipient(
  ports: RecipientPorts,
  tenantId: string,
  recipientId: string,
): Promise<void> {
  const recipient = await ports.recipients.get(tenantId, recipientId);
  if (!recipient) throw new RecipientNotFoundError(recipientId);
  await ports.subscriptions.unsubscribe(recipient.subscriptionArn);
  await ports.recipients.remove(tenantId, recipientId);
}
