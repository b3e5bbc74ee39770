import * as z from 'zod/mini';
import type { ParsePayload } from 'zod/v4/core';
import '../zod-mini.js';

// Fields more than one channel sends, read the same way for each.

const HAS_ZONE = /(?:Z|[+-]\d{2}:\d{2})$/i;

const toUtcIso = (text: string, payload: ParsePayload): string => {
  const time = new Date(HAS_ZONE.test(text) ? text : `${text}Z`);
  if (!Number.isNaN(time.getTime())) return time.toISOString();
  payload.issues.push({ code: 'custom', message: 'Not a point in time', input: text });
  return z.NEVER;
};

/** An ISO 8601 timestamp with a zone (`Z` or an offset), normalised to ISO UTC. */
export const utcTimestampSchema = z.pipe(z.iso.datetime({ offset: true }), z.transform(toUtcIso));

/**
 * A timestamp known to be UTC that may lack the `Z`, like WooCommerce's `date_created_gmt`
 * (`2017-03-22T19:28:02`), normalised to ISO UTC.
 */
export const gmtTimestampSchema = z.pipe(
  z.iso.datetime({ local: true, offset: true }),
  z.transform(toUtcIso),
);

/**
 * A platform's numeric id (Shopify, WooCommerce) as an exact decimal string. Integers beyond the
 * safe range reach here as strings (see `parseJsonKeepingBigIntegers`); safe ones as numbers.
 */
export const numericIdSchema = z.pipe(
  z.union([
    z.string().check(z.regex(/^\d{1,30}$/, 'Expected a numeric id')),
    z.number().check(z.int(), z.nonnegative()),
  ]),
  z.transform((id: string | number) => String(id)),
);

/** A free-text field a platform may leave out or null. */
export const optionalTextSchema = z.nullish(z.string());
