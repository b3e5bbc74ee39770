/**
 * How long the bus archive keeps events for replay. Idempotency keys outlive it
 * (idempotency-records.ts), so a replayed event is recognised as the duplicate it is. Shared by the
 * CDK construct (infra/stateful/messaging.ts) and the adapters; no AWS import.
 */
export const BUS_ARCHIVE_RETENTION_DAYS = 365;
