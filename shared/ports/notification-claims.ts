/**
 * A claim on sending the notification of one event, so that one event gives one notification
 * however often it is delivered.
 */
export interface NotificationClaim {
  tenantId: string;
  eventId: string;
  /** Tells this claim apart from a later one on the same event. */
  token: string;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: NotificationClaim }
  /** Sent before: nothing to do. */
  | { kind: 'sent' }
  /** Another delivery holds the claim and may be sending right now. */
  | { kind: 'in-flight' };

export interface NotificationClaims {
  /** Claims the event; a claim whose holder never finished (a crash) expires and can be taken over. */
  claim(tenantId: string, eventId: string): Promise<ClaimOutcome>;
  /** The notification went out: later deliveries of the event are answered `sent`. */
  confirm(claim: NotificationClaim): Promise<void>;
  /** Sending failed: gives the claim up so that a retry can send it (a no-op if no longer ours). */
  release(claim: NotificationClaim): Promise<void>;
}
