import type { Recipient } from '../recipients/recipient.js';

/** The tenants' recipients, each under its tenant's key. */
export interface RecipientStore {
  count(tenantId: string): Promise<number>;
  list(tenantId: string): Promise<Recipient[]>;
  get(tenantId: string, recipientId: string): Promise<Recipient | undefined>;
  /**
   * Stores a new recipient, keeping the tenant's count within `limit`. Throws
   * `RecipientExistsError` or `RecipientLimitError` and stores nothing when either fails.
   */
  add(recipient: Recipient, limit: number): Promise<void>;
  /** Removes it; `false` when it was not there. */
  remove(tenantId: string, recipientId: string): Promise<boolean>;
}
