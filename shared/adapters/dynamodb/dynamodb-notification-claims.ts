import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClaimOutcome, NotificationClaim, NotificationClaims } from '../../ports/notification-claims.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionHeld } from './conditions.js';
import { ENTITY } from './items.js';
import { idempotencyKey } from './keys.js';
import { TTL_ATTRIBUTE } from './table-schema.js';

/** As long as the other idempotency keys: far beyond the 24 hours EventBridge retries an event. */
const CLAIM_TTL_SECONDS = 7 * 24 * 3600;
/**
 * Longer than the notifier function may run (30 s), so a live holder is never overtaken, and
 * shorter than the minute before Lambda's first retry of the failed invocation, so that retry takes
 * over the claim of a holder that crashed (test/infra/stateless/platform-timings.test.ts).
 */
export const NOTIFICATION_CLAIM_LEASE_MS = 45_000;
const CLAIM_ATTEMPTS = 3;

export interface NotificationClaimsOptions {
  /** How long a claim holds before a delivery may take it over (its holder having crashed). */
  leaseMs?: number;
  /** Epoch milliseconds. */
  now?: () => number;
}

const claimKey = (tenantId: string, eventId: string) => idempotencyKey(tenantId, `notify#${eventId}`);

/**
 * Claims as idempotency items: `claimed` (with a lease) while a delivery sends, `sent` after.
 * Releasing deletes the item, so that the event's next delivery claims it afresh.
 */
export class DynamoDbNotificationClaims implements NotificationClaims {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: NotificationClaimsOptions = {},
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private expiresAt(): number {
    return Math.floor(this.now() / 1000) + CLAIM_TTL_SECONDS;
  }

  async claim(tenantId: string, eventId: string): Promise<ClaimOutcome> {
    const { GetCommand } = await documentSdk();
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      const claim: NotificationClaim = { tenantId, eventId, token: randomUUID() };
      if (await this.tryClaim(claim)) return { kind: 'claimed', claim };
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: claimKey(tenantId, eventId), ConsistentRead: true }),
      );
      if (Item?.state === 'sent') return { kind: 'sent' };
      if (Item) return { kind: 'in-flight' };
      // Released between the two requests: the claim is free again.
    }
    return { kind: 'in-flight' };
  }

  private async tryClaim(claim: NotificationClaim): Promise<boolean> {
    const { PutCommand } = await documentSdk();
    const now = this.now();
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...claimKey(claim.tenantId, claim.eventId),
            entity: ENTITY.idempotency,
            state: 'claimed',
            token: claim.token,
            leaseUntil: now + (this.options.leaseMs ?? NOTIFICATION_CLAIM_LEASE_MS),
            [TTL_ATTRIBUTE]: this.expiresAt(),
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR (#state = :claimed AND #leaseUntil < :now)',
          ExpressionAttributeNames: { '#pk': 'pk', '#state': 'state', '#leaseUntil': 'leaseUntil' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':now': now },
        }),
      ),
    );
  }

  /** Unconditional: even if a takeover happened meanwhile, the notification did go out. */
  async confirm(claim: NotificationClaim): Promise<void> {
    const { UpdateCommand } = await documentSdk();
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: claimKey(claim.tenantId, claim.eventId),
        UpdateExpression: 'SET #state = :sent, #entity = :entity, #expiresAt = :expiresAt REMOVE #leaseUntil',
        ExpressionAttributeNames: {
          '#state': 'state',
          '#entity': 'entity',
          '#expiresAt': TTL_ATTRIBUTE,
          '#leaseUntil': 'leaseUntil',
        },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':entity': ENTITY.idempotency,
          ':expiresAt': this.expiresAt(),
        },
      }),
    );
  }

  async release(claim: NotificationClaim): Promise<void> {
    const { DeleteCommand } = await documentSdk();
    // Where the condition fails, the claim was taken over, or sent by its new holder: not ours to
    // give up any more.
    await conditionHeld(
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: claimKey(claim.tenantId, claim.eventId),
          ConditionExpression: '#token = :token AND #state = :claimed',
          ExpressionAttributeNames: { '#token': 'token', '#state': 'state' },
          ExpressionAttributeValues: { ':token': claim.token, ':claimed': 'claimed' },
        }),
      ),
    );
  }
}
