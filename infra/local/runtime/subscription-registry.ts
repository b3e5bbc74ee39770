/**
 * The subscriptions made through the local SNS endpoint (Subscribe), as opposed to the template's:
 * each with its filter policy, its confirmation token and whether it is confirmed yet. They are
 * kept in one JSON file under the data folder, so they survive a restart as SNS's do.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type CompiledFilterPolicy,
  compileFilterPolicy,
  type FilterPolicyScope,
} from '../sns-filter-policy/index.js';
import type { Subscription, SubscriptionProtocol } from './subscriptions.js';

export interface SubscriptionRecord {
  readonly subscriptionArn: string;
  readonly topicArn: string;
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
  readonly filterPolicy?: string;
  readonly filterPolicyScope: FilterPolicyScope;
  /** What the confirmation link carries; SNS's tokens are long hex strings too. */
  readonly token: string;
  readonly pendingConfirmation: boolean;
}

export type NewSubscription = Pick<
  SubscriptionRecord,
  'topicArn' | 'protocol' | 'endpoint' | 'filterPolicy' | 'filterPolicyScope'
> & { readonly confirmed: boolean };

/** SNS's refusal of a second subscription of an endpoint with other attributes. */
export class SubscriptionExistsError extends Error {
  constructor() {
    super('Invalid parameter: Attributes Reason: Subscription already exists with different attributes');
    this.name = 'SubscriptionExistsError';
  }
}

const normalized = (policy: string | undefined): string =>
  policy === undefined || policy === '' ? '' : JSON.stringify(JSON.parse(policy));

export class SubscriptionRegistry {
  private readonly records = new Map<string, SubscriptionRecord>();
  private readonly filters = new Map<string, CompiledFilterPolicy>();

  /** `file` undefined: kept in memory only. */
  constructor(private readonly file: string | undefined) {
    if (!file || !existsSync(file)) return;
    for (const record of JSON.parse(readFileSync(file, 'utf8')) as SubscriptionRecord[]) this.keep(record);
  }

  /**
   * Compiles the filter policy first: one SNS would refuse throws, and nothing is kept. As on SNS,
   * an endpoint has one subscription per topic and protocol: asked again with the same attributes,
   * this returns it; with others, it throws `SubscriptionExistsError`.
   */
  subscribe(subscription: NewSubscription): SubscriptionRecord {
    compileFilterPolicy(subscription.filterPolicy, subscription.filterPolicyScope);
    const { confirmed, ...fields } = subscription;
    const existing = this.ofTopic(subscription.topicArn).find(
      (record) => record.protocol === subscription.protocol && record.endpoint === subscription.endpoint,
    );
    if (existing) {
      const same =
        normalized(existing.filterPolicy) === normalized(subscription.filterPolicy) &&
        existing.filterPolicyScope === subscription.filterPolicyScope;
      if (!same) throw new SubscriptionExistsError();
      return existing;
    }
    const record: SubscriptionRecord = {
      ...fields,
      subscriptionArn: `${subscription.topicArn}:${randomUUID()}`,
      token: randomBytes(64).toString('hex'),
      pendingConfirmation: !confirmed,
    };
    this.keep(record);
    this.save();
    return record;
  }

  /** The subscription the token confirms, now confirmed; `undefined` for an unknown token. */
  confirm(topicArn: string, token: string): SubscriptionRecord | undefined {
    const found = [...this.records.values()].find((r) => r.topicArn === topicArn && r.token === token);
    if (!found) return undefined;
    const confirmed = { ...found, pendingConfirmation: false };
    this.records.set(found.subscriptionArn, confirmed);
    this.save();
    return confirmed;
  }

  get(subscriptionArn: string): SubscriptionRecord | undefined {
    return this.records.get(subscriptionArn);
  }

  unsubscribe(subscriptionArn: string): boolean {
    const removed = this.records.delete(subscriptionArn);
    this.filters.delete(subscriptionArn);
    if (removed) this.save();
    return removed;
  }

  /** The topic's subscriptions, oldest first. */
  ofTopic(topicArn: string): SubscriptionRecord[] {
    return [...this.records.values()].filter((record) => record.topicArn === topicArn);
  }

  /** What a published message may reach: the topic's confirmed subscriptions only. */
  confirmed(topicArn: string): Subscription[] {
    return this.ofTopic(topicArn)
      .filter((record) => !record.pendingConfirmation)
      .map((record) => ({
        protocol: record.protocol,
        endpoint: record.endpoint,
        filter: this.filters.get(record.subscriptionArn) as CompiledFilterPolicy,
      }));
  }

  private keep(record: SubscriptionRecord): void {
    this.records.set(record.subscriptionArn, record);
    this.filters.set(
      record.subscriptionArn,
      compileFilterPolicy(record.filterPolicy, record.filterPolicyScope),
    );
  }

  /** Written whole to a temporary file and renamed, so a crash never leaves half a file. */
  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify([...this.records.values()], null, 2), 'utf8');
    renameSync(temporary, this.file);
  }
}
