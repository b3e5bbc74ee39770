/**
 * One SNS message about one business event, for `MessageStructure: 'json'`: each protocol gets
 * its own text, and every other protocol (HTTPS, SQS, Lambda) gets `default`.
 */
export interface Notification {
  /** The event told of: at most one notification is sent per event id. */
  eventId: string;
  tenantId: string;
  /** The email subject: printable ASCII, one line, under 100 characters. */
  subject: string;
  message: {
    /** JSON for machines: the event and the expected arrivals, no personal data. */
    default: string;
    /** Plain text for a person. */
    email: string;
    /** Under 160 characters. */
    sms: string;
  };
  /** String attributes that subscription filter policies match on. */
  attributes: NotificationAttributes;
}

export type NotificationAttributeName = 'eventType' | 'tenantId' | 'channel' | 'warehouseId';

export type NotificationAttributes = Partial<Record<NotificationAttributeName, string>>;

/** The texts each kind of event is told in; `default` is the same shape for all of them. */
export interface NotificationTexts {
  subject: string;
  email: string;
  sms: string;
}
