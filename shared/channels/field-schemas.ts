import * as z from 'zod';

// Fields more than one channel sends, read the same way for each.

const HAS_ZONE = /(?:Z|[+-]\d{2}:\d{2})$/i;

const toUtcIso = (text: string, ctx: z.RefinementCtx): string => {
  const time = new Date(HAS_ZONE.test(text) ? text : `${text}Z`);
  if (!Number.isNaN(time.getTime())) return time.toISOString();
  ctx.addIssue({ code: 'custom', message: 'Not a point in time' });
  return z.NEVER;
};

/** An ISO 8601 timestamp with a zone (`Z` or an offset), normalised to ISO UTC. */
export const utcTimestampSchema = z.iso.datetime({ offset: true }).transform(toUtcIso);

/**
 * A timestamp known to be UTC that may lack the `Z`, like WooCommerce's `date_created_gmt`
 * (`2017-03-22T19:28:02`), normalised to ISO UTC.
 */
export const gmtTimestampSchema = z.iso.datetime({ local: true, offset: true }).transform(toUtcIso);

/**
 * A platform's numeric id (Shopify, WooCommerce) as an exact decimal string. Integers beyond the
 * safe range reach here as strings (see `parseJsonKeepingBigIntegers`); safe ones as numbers.
 */
export const numericIdSchema = z
  .union([z.string().regex(/^\d{1,30}$/, 'Expected a numeric id'), z.number().int().nonnegative()])
  .transform((id) => String(id));

/** A free-text field a platform may leave out or null. */
export const optionalTextSchema = z.string().nullish();
