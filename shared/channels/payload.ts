import { createHash } from 'node:crypto';
import type * as z from 'zod/mini';
import { InvalidInputError } from '../domain/errors.js';
import { LIMITS } from '../limits.js';
import { parseJsonKeepingBigIntegers } from './lossless-json.js';
import type { RawBody } from './signatures.js';

/** Why a webhook body was refused; `details.problem` of the `INVALID_INPUT` error. */
export type PayloadProblem =
  /** The bytes are not UTF-8 text. */
  | 'unreadable-body'
  /** The text is not JSON. */
  | 'malformed-json'
  /** The topic header is missing or names an event this service does not take. */
  | 'unsupported-topic'
  /** The topic header says one thing and the signed body another (DESIGN §10: the body decides). */
  | 'topic-contradicts-body'
  /** JSON, but not the channel's order representation. */
  | 'invalid-payload'
  /** The channel's order, but not one this service can hold (see `incomingOrderSchema`). */
  | 'invalid-order';

export interface PayloadIssue {
  path: string;
  message: string;
}

/**
 * The typed refusal of a webhook body. Messages and issues name fields, never their values: the
 * payload holds personal data, and the error may be logged or returned to the caller.
 */
export const payloadError = (
  channel: string,
  problem: PayloadProblem,
  message: string,
  issues: PayloadIssue[] = [],
): InvalidInputError => new InvalidInputError(message, { channel, problem, issues });

export const issuesOf = (error: z.core.$ZodError): PayloadIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export const bodyText = (channel: string, body: RawBody): string => {
  if (typeof body === 'string') return body;
  try {
    return UTF8.decode(body);
  } catch {
    throw payloadError(channel, 'unreadable-body', 'The body is not UTF-8 text');
  }
};

/** Parses JSON text; integers beyond the safe range come back as exact strings. */
export const parseJsonBody = (channel: string, text: string): unknown => {
  try {
    return parseJsonKeepingBigIntegers(text);
  } catch {
    throw payloadError(channel, 'malformed-json', 'The body is not JSON');
  }
};

export const parsePayload = <S extends z.ZodMiniType>(
  channel: string,
  schema: S,
  value: unknown,
  what: string,
): z.output<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw payloadError(channel, 'invalid-payload', `The body is not a valid ${what}`, issuesOf(result.error));
};

const sha256 = (data: RawBody): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/**
 * The platform's delivery id, else a digest of the body: a retry repeats the same bytes. An
 * oversized header is digested too, since the id becomes the event id `<channel>:<id>`.
 */
export const deliveryIdFor = (header: string | undefined, body: RawBody): string => {
  const given = header?.trim();
  if (!given) return sha256(body);
  return given.length <= LIMITS.deliveryIdLength ? given : sha256(given);
};
