import { InvalidInputError } from '../domain/errors.js';
import { RECIPIENT_EVENT_TYPES, type RecipientRequest } from './recipient.js';

/** SNS's limits on a filter policy: attribute names, and value combinations across them. */
export const MAX_FILTER_KEYS = 5;
export const MAX_FILTER_COMBINATIONS = 150;

export type FilterPolicy = Record<string, string[]>;

/**
 * The subscription filter policy of a recipient: always the tenant (so no other tenant's message
 * reaches it), the event types it asked for, and its channel and warehouse filters if any. A
 * policy SNS would refuse is refused here first, so nothing is subscribed.
 */
export const recipientFilterPolicy = (tenantId: string, request: RecipientRequest): FilterPolicy => {
  const policy: FilterPolicy = {
    tenantId: [tenantId],
    eventType: [...new Set(request.eventTypes)].map((type) => RECIPIENT_EVENT_TYPES[type]),
    ...(request.channel ? { channel: [...new Set(request.channel)] } : {}),
    ...(request.warehouseId ? { warehouseId: [...new Set(request.warehouseId)] } : {}),
  };
  const keys = Object.keys(policy).length;
  // Every key here is one attribute at depth 1, so SNS's measure is the product of value counts.
  const combinations = Object.values(policy).reduce((product, values) => product * values.length, 1);
  if (keys > MAX_FILTER_KEYS || combinations > MAX_FILTER_COMBINATIONS)
    throw new InvalidInputError('The recipient filter is too complex for SNS', {
      combinations,
      maxCombinations: MAX_FILTER_COMBINATIONS,
      keys,
      maxKeys: MAX_FILTER_KEYS,
    });
  return policy;
};
