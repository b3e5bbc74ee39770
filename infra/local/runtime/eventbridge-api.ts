/**
 * EventBridge's PutEvents (awsJson1_1), on the template's buses: each entry is wrapped in the
 * event envelope EventBridge delivers and put on its bus, which routes it by the rules. Entries
 * are accepted or refused one by one, as PutEvents reports them (`FailedEntryCount`, and an
 * `EventId` or an `ErrorCode` per entry, in request order). A request of more than ten entries,
 * or of more than 256 KB of entries in all (sized as EventBridge sizes them), fails whole with a
 * ValidationException, as PutEvents does.
 */
import { randomUUID } from 'node:crypto';
import {
  PUT_EVENTS_MAX_BYTES,
  PUT_EVENTS_MAX_ENTRIES,
  putEventsEntrySize,
  type SizedEntry,
} from '../../../shared/adapters/eventbridge/put-events-limits.js';
import { LocalApiError } from './api-errors.js';
import { busNameOf, type EventEnvelope, type LocalBuses } from './event-bus.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-account.js';

type ResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const validation = (message: string) => new LocalApiError(400, 'ValidationException', message);

/** An entry without EventBusName goes to the account's default bus. */
const busName = (value: unknown): string =>
  typeof value === 'string' && value !== '' ? busNameOf(value) : 'default';

/** EventBridge's `time`: UTC to the second. The SDK sends `Time` as epoch seconds. */
const eventTime = (time: unknown): string => {
  const date =
    typeof time === 'number' ? new Date(time * 1000) : typeof time === 'string' ? new Date(time) : new Date();
  return (Number.isNaN(date.getTime()) ? new Date() : date).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

async function putEntry(entry: Record<string, unknown>, buses: LocalBuses): Promise<ResultEntry> {
  const name = busName(entry.EventBusName);
  const bus = buses.get(name);
  if (!bus)
    return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${name} does not exist.` };
  const { Source, DetailType, Detail } = entry;
  if (typeof Source !== 'string' || typeof DetailType !== 'string' || typeof Detail !== 'string')
    return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required.' };
  let detail: unknown;
  try {
    detail = JSON.parse(Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const envelope: EventEnvelope = {
    version: '0',
    id: randomUUID(),
    'detail-type': DetailType,
    source: Source,
    account: LOCAL_ACCOUNT,
    time: eventTime(entry.Time),
    region: LOCAL_REGION,
    resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
    detail,
  };
  try {
    await bus.put(envelope);
  } catch (error) {
    return { ErrorCode: 'InternalFailure', ErrorMessage: `Not kept: ${(error as Error).message}` };
  }
  return { EventId: envelope.id };
}

/** Answers one EventBridge operation; only PutEvents is served. */
export async function handleEventBridge(
  operation: string,
  body: string,
  buses: LocalBuses,
): Promise<unknown> {
  if (operation !== 'PutEvents')
    throw new LocalApiError(
      400,
      'UnknownOperationException',
      `EventBridge ${operation} is not served locally`,
    );
  let request: { Entries?: unknown };
  try {
    request = JSON.parse(body) as { Entries?: unknown };
  } catch {
    throw new LocalApiError(400, 'SerializationException', 'The request body is not JSON');
  }
  const entries = request.Entries;
  if (!Array.isArray(entries) || entries.length === 0)
    throw validation(
      "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must not be empty",
    );
  if (entries.length > PUT_EVENTS_MAX_ENTRIES)
    throw validation(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${PUT_EVENTS_MAX_ENTRIES}`,
    );
  const total = entries.reduce(
    (sum: number, entry) => sum + putEventsEntrySize((entry ?? {}) as SizedEntry),
    0,
  );
  if (total > PUT_EVENTS_MAX_BYTES)
    throw validation('Total size of the entries in the request is over the limit.');
  const results = await Promise.all(
    entries.map((entry) => putEntry((entry ?? {}) as Record<string, unknown>, buses)),
  );
  return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
}
