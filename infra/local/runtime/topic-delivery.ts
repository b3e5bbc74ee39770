/**
 * What SNS does with a published message: every subscription of the topic whose filter policy
 * matches gets it, in its protocol's text (with `MessageStructure: json`, the protocol's own key,
 * else `default`); those made by Subscribe once they are confirmed. Emails are written to the outbox as `.eml` files (email-json ones hold the JSON
 * notification SNS would send), SMS are lines of `sms.log`, HTTP(S) deliveries are only logged.
 */
import type { Outbox } from './outbox.js';
import { SubscriptionRegistry } from './subscription-registry.js';
import type { Subscription } from './subscriptions.js';

export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

export interface PublishedMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly message: string;
  readonly subject?: string;
  /** The message parsed as JSON, for `MessageStructure: json`: one text per protocol. */
  readonly perProtocol?: Readonly<Record<string, string>>;
  readonly attributes: Readonly<Record<string, MessageAttribute>>;
}

/** SNS's subject for an email published without one. */
const DEFAULT_SUBJECT = 'AWS Notification Message';

const textFor = (message: PublishedMessage, protocol: string): string =>
  message.perProtocol
    ? (message.perProtocol[protocol] ?? message.perProtocol.default ?? '')
    : message.message;

export class TopicDelivery {
  constructor(
    private readonly topics: ReadonlyMap<string, readonly Subscription[]>,
    readonly outbox: Outbox,
    private readonly log: (line: string) => void,
    /** The subscriptions made by Subscribe; none are kept without one. */
    readonly registry: SubscriptionRegistry = new SubscriptionRegistry(undefined),
  ) {}

  hasTopic(topicArn: string): boolean {
    return this.topics.has(topicArn);
  }

  deliver(message: PublishedMessage): void {
    const input = {
      message: message.message,
      messageAttributes: Object.fromEntries(
        Object.entries(message.attributes).map(([name, value]) => [
          name,
          { Type: value.DataType, Value: value.StringValue ?? value.BinaryValue ?? '' },
        ]),
      ),
    };
    const subscriptions = [
      ...(this.topics.get(message.topicArn) ?? []),
      ...this.registry.confirmed(message.topicArn),
    ];
    for (const subscription of subscriptions) {
      if (subscription.filter.matches(input)) this.send(message, subscription);
    }
  }

  private send(message: PublishedMessage, { protocol, endpoint }: Subscription): void {
    const text = textFor(message, protocol);
    const subject = message.subject ?? DEFAULT_SUBJECT;
    switch (protocol) {
      case 'email':
      case 'email-json': {
        const body = protocol === 'email' ? text : JSON.stringify(this.notification(message, text), null, 2);
        const file = this.outbox.writeEmail({
          to: endpoint,
          subject,
          text: body,
          id: `${message.messageId}-${endpoint}`,
        });
        this.log(`[sns] email to ${endpoint}: ${subject} (${file})`);
        break;
      }
      case 'sms':
        this.outbox.appendSms(endpoint, text);
        this.log(`[sns] sms to ${endpoint}: ${text}`);
        break;
      default:
        this.log(`[sns] ${protocol} subscription ${endpoint} is not called locally: ${subject}`);
    }
  }

  /** The JSON document SNS delivers to email-json, HTTP and HTTPS endpoints (without its signature). */
  private notification(message: PublishedMessage, text: string) {
    return {
      Type: 'Notification',
      MessageId: message.messageId,
      TopicArn: message.topicArn,
      ...(message.subject ? { Subject: message.subject } : {}),
      Message: text,
      Timestamp: new Date().toISOString(),
      MessageAttributes: Object.fromEntries(
        Object.entries(message.attributes).map(([name, value]) => [
          name,
          { Type: value.DataType, Value: value.StringValue ?? value.BinaryValue },
        ]),
      ),
    };
  }
}
