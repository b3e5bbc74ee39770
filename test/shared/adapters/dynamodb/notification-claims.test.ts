import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbNotificationClaims } from '../../../../shared/adapters/dynamodb/dynamodb-notification-claims.js';
import type { ClaimOutcome, NotificationClaim } from '../../../../shared/ports/notification-claims.js';
import { createTestTables, type TestTables } from '../../../support/tables.js';

const LEASE_MS = 60_000;
let tables: TestTables;
let now = Date.parse('2026-11-28T10:00:00.000Z');
let claims: DynamoDbNotificationClaims;

beforeAll(async () => {
  tables = await createTestTables('notification-claims');
  claims = new DynamoDbNotificationClaims(tables.client, tables.tableName, {
    leaseMs: LEASE_MS,
    now: () => now,
  });
}, 60_000);
afterAll(() => tables.drop());

let eventCount = 0;
const newEvent = () => `evt-${++eventCount}`;

const claimed = (outcome: ClaimOutcome): NotificationClaim => {
  if (outcome.kind !== 'claimed') throw new Error(`expected a claim, got ${outcome.kind}`);
  return outcome.claim;
};

it('stores the claim as an idempotency item that expires with the others', async () => {
  const eventId = newEvent();
  await claims.claim('t1', eventId);
  const { Item } = await tables.client.send(
    new GetCommand({
      TableName: tables.tableName,
      Key: { pk: `T#t1#IDEMPOTENCY#notify#${eventId}`, sk: 'KEY' },
    }),
  );
  expect(Item).toMatchObject({ entity: 'idempotency', state: 'claimed', leaseUntil: now + LEASE_MS });
  expect(Item?.expiresAt).toBe(Math.floor(now / 1000) + 7 * 24 * 3600);
});

it('gives one claim per event: the others find it in flight, then sent', async () => {
  const eventId = newEvent();
  const claim = claimed(await claims.claim('t1', eventId));
  await expect(claims.claim('t1', eventId)).resolves.toEqual({ kind: 'in-flight' });
  await claims.confirm(claim);
  await expect(claims.claim('t1', eventId)).resolves.toEqual({ kind: 'sent' });
});

it('keeps tenants apart', async () => {
  const eventId = newEvent();
  claimed(await claims.claim('t1', eventId));
  expect((await claims.claim('t2', eventId)).kind).toBe('claimed');
});

it('can be claimed again once released', async () => {
  const eventId = newEvent();
  await claims.release(claimed(await claims.claim('t1', eventId)));
  expect((await claims.claim('t1', eventId)).kind).toBe('claimed');
});

describe('a claim whose holder never finished', () => {
  it('is taken over once its lease has run out, and never before', async () => {
    const eventId = newEvent();
    const stale = claimed(await claims.claim('t1', eventId));
    now += LEASE_MS;
    await expect(claims.claim('t1', eventId)).resolves.toEqual({ kind: 'in-flight' });
    now += 1;
    const fresh = claimed(await claims.claim('t1', eventId));

    // The old holder waking up cannot give away a claim that is no longer its own.
    await claims.release(stale);
    await expect(claims.claim('t1', eventId)).resolves.toEqual({ kind: 'in-flight' });
    await claims.confirm(fresh);
    await expect(claims.claim('t1', eventId)).resolves.toEqual({ kind: 'sent' });
  });

  it('is never taken over once sent, however late', async () => {
    const eventId = newEvent();
    await claims.confirm(claimed(await claims.claim('t1', eventId)));
    now += 10 * LEASE_MS;
    await expect(claims.claim('t1', eventId)).resolves.toEqual({ kind: 'sent' });
  });
});
