import { DomainError } from '../domain/errors.js';

export class RecipientNotFoundError extends DomainError {
  readonly code = 'RECIPIENT_NOT_FOUND';
  constructor(recipientId: string) {
    super(`Recipient ${recipientId} was not found`, { recipientId });
  }
}

/** The tenant already has a recipient for this address or number; change it by removing it first. */
export class RecipientExistsError extends DomainError {
  readonly code = 'RECIPIENT_EXISTS';
  constructor(recipientId: string) {
    super(`Recipient ${recipientId} already exists for this endpoint`, { recipientId });
  }
}

export class RecipientLimitError extends DomainError {
  readonly code = 'RECIPIENT_LIMIT';
  constructor(limit: number) {
    super(`A tenant may have at most ${limit} recipients`, { limit });
  }
}

/** SNS refused the subscription (e.g. the endpoint is subscribed with other filters already). */
export class SubscriptionRefusedError extends DomainError {
  readonly code = 'SUBSCRIPTION_REFUSED';
}
